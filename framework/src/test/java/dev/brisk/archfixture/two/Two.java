package dev.brisk.archfixture.two;

import dev.brisk.archfixture.one.One;

/** ArchitectureTest's fixture: the other half of the package cycle (its signatures are clean). */
public class Two {
    public int count(One one) {
        return one == null ? 0 : 1;
    }
}
