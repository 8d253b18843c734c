package dev.brisk.lab.report;

/**
 * One row of a timeline: a request drawn from when it was sent to when it was answered.
 *
 * @param label the row's name, e.g. {@code #5 GET /async}
 * @param startMs send time, ms after the run began
 * @param endMs answer (or give-up) time, ms after the run began
 * @param key what the colour stands for, e.g. the thread that served it ({@code brisk-loop-0})
 * @param note short text drawn after the bar, e.g. {@code 2004 ms (sleep)}
 */
public record Bar(String label, double startMs, double endMs, String key, String note) {
    public double durationMs() {
        return endMs - startMs;
    }
}
