package dev.brisk.internal.archfixture;

/** ArchitectureTest's fixture: an internal type that an exported fixture signature exposes. */
public class Hidden {
}
