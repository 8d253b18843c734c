package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Chart;
import dev.brisk.lab.report.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What an experiment gathers while it runs in each setting: finding lines, table rows, charts, and
 * the two verdicts. {@link #eachSetting} is the loop every server-side experiment shares: start the
 * setting's target, run the body, and stop at the first {@link LabException} keeping what was found.
 */
final class Findings {
    /** The part of an experiment that runs against one setting's started target. */
    @FunctionalInterface
    interface Body {
        void run(Setting setting, Target target, Findings found);
    }

    final List<String> lines = new ArrayList<>();
    final List<List<String>> rows = new ArrayList<>();
    final List<Chart> charts = new ArrayList<>();
    private Boolean reproduces;
    private Boolean better;
    private String error;

    static Findings eachSetting(Lab lab, Body body) {
        Findings f = new Findings();
        try {
            for (Setting setting : lab.settings()) {
                try (Target target = Target.start(lab, setting)) {
                    body.run(setting, target, f);
                }
            }
        } catch (LabException e) {
            f.error = e.getMessage();
        }
        return f;
    }

    /**
     * Records the verdict of one setting: the seed's setting (parity, or the target of {@code --url})
     * must behave like the seed, Brisk's default must do better.
     */
    void judge(Setting setting, boolean likeTheSeed, boolean improved) {
        switch (setting.name()) {
            case "parity", "target" -> reproduces = likeTheSeed;
            case "default" -> better = improved;
            default -> { }
        }
    }

    /** The outcome, with the section built from what was gathered. */
    Outcome outcome(Function<Findings, Section> section) {
        return new Outcome(section.apply(this), reproduces, better, error);
    }
}
