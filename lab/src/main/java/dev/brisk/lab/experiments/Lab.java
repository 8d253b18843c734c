package dev.brisk.lab.experiments;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The shared context of one lab run: the scale, the settings to compare, and the progress printer.
 * Experiments run one after another, so nothing here needs to be thread-safe beyond the printer.
 */
public final class Lab {
    private final Scale scale;
    private final String url;
    private final PrintStream progress;
    private final long t0 = System.nanoTime();

    /**
     * @param scale durations and counts
     * @param url a running seed-contract server, or {@code null} to start Brisk in-process
     * @param progress where progress lines go (the terminal's stderr)
     */
    public Lab(Scale scale, String url, PrintStream progress) {
        this.scale = scale;
        this.url = url;
        this.progress = progress;
    }

    public Scale scale() {
        return scale;
    }

    /** {@code parity} then {@code default}; or just the {@code --url} server. */
    public List<Setting> settings() {
        return url == null ? List.of(Setting.parity(), Setting.defaults()) : List.of(Setting.remote(url));
    }

    public boolean remote() {
        return url != null;
    }

    void progress(String format, Object... args) {
        progress.printf(Locale.ROOT, "  [%5.1fs] %s%n", (System.nanoTime() - t0) / 1e9, String.format(Locale.ROOT, format, args));
        progress.flush();
    }

    static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
