package dev.brisk.lab.experiments;

/** One seed experiment, reproduced. */
interface Experiment {
    /** {@code E1} ... {@code E5}. */
    String id();

    /** Runs it in every setting of the lab and says what happened; throws {@link LabException} on bad answers. */
    Outcome run(Lab lab);
}
