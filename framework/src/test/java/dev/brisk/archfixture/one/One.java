package dev.brisk.archfixture.one;

import dev.brisk.archfixture.two.Two;
import dev.brisk.internal.archfixture.Hidden;

/** ArchitectureTest's fixture: half of a package cycle, and a public method that exposes an internal type. */
public class One {
    public Two two() {
        return new Two();
    }

    public Hidden hidden() {
        return new Hidden();
    }
}
