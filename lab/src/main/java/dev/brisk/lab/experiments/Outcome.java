package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Section;

/**
 * What one experiment found.
 *
 * @param section everything to print and draw
 * @param reproduces the FastAPI-parity setting behaved as the seed observed ({@code null}: not run, e.g. with {@code --url})
 * @param better Brisk's default setting did better than the seed ({@code null}: not run)
 * @param error {@code null}, or one line on why the experiment stopped early (partial results are in the section)
 */
public record Outcome(Section section, Boolean reproduces, Boolean better, String error) {

    /** One line, e.g. {@code parity reproduces the seed; default does better}. */
    public String verdict() {
        return verdict("parity");
    }

    /** The verdict, naming what ran the seed's setting: {@code parity}, or {@code the target} for {@code --url}. */
    public String verdict(String who) {
        if (error != null) return "ERROR: " + error;
        if (reproduces == null && better == null) return section.title().startsWith("skipped") ? section.title() : "measured";
        String r = reproduces == null ? "" : reproduces ? who + " reproduces the seed" : who + " did NOT reproduce the seed";
        String b = better == null ? "" : better ? "default does better" : "default did NOT do better";
        return r.isEmpty() ? b : b.isEmpty() ? r : r + "; " + b;
    }
}
