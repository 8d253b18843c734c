package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Section;

/**
 * What one experiment found.
 *
 * @param section everything to print and draw
 * @param reproduces the FastAPI-parity setting (or the {@code --url} target) behaved as the seed observed ({@code null}: not run)
 * @param better Brisk's default setting did better than FastAPI measured in the same run, or than the seed
 *     when FastAPI was not measured ({@code null}: not run)
 * @param error {@code null}, or one line on why the experiment stopped early (partial results are in the section)
 * @param fastapiLikeSeed FastAPI measured here behaved as the seed post saw ({@code null}: FastAPI not measured)
 * @param matches Brisk's parity setting matched FastAPI measured here ({@code null}: FastAPI not measured)
 */
public record Outcome(Section section, Boolean reproduces, Boolean better, String error, Boolean fastapiLikeSeed,
                      Boolean matches) {

    /** An outcome without a FastAPI row. */
    public Outcome(Section section, Boolean reproduces, Boolean better, String error) {
        this(section, reproduces, better, error, null, null);
    }

    /** One line, e.g. {@code parity matches FastAPI; default does better}. */
    public String verdict() {
        return verdict("parity");
    }

    /**
     * The verdict. With FastAPI measured: {@code parity matches FastAPI; default does better}, and
     * {@code FastAPI here differs from the seed post} when it did. Without: {@code parity reproduces the
     * seed; default does better}, naming what ran the seed's setting ({@code parity}, or {@code the target} for {@code --url}).
     */
    public String verdict(String who) {
        return verdict(who, "FastAPI");
    }

    /** As {@link #verdict(String)}, naming what was measured beside Brisk (E4's is Python's client, not FastAPI). */
    public String verdict(String who, String reference) {
        if (error != null) return "ERROR: " + error;
        if (reproduces == null && better == null && matches == null) {
            return section.title().startsWith("skipped") ? section.title() : "measured";
        }
        String b = better == null ? "" : better ? "default does better" : "default did NOT do better";
        if (matches != null) {
            String m = matches ? who + " matches " + reference : who + " does NOT match " + reference;
            String s = Boolean.FALSE.equals(fastapiLikeSeed) ? "; " + reference + " here differs from the seed post" : "";
            return (b.isEmpty() ? m : m + "; " + b) + s;
        }
        String r = reproduces == null ? "" : reproduces ? who + " reproduces the seed" : who + " did NOT reproduce the seed";
        return r.isEmpty() ? b : b.isEmpty() ? r : r + "; " + b;
    }
}
