package dev.brisk.lab.experiments;

import java.io.PrintStream;
import java.util.ArrayList;
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
    private final FastApi fastapi;
    private final long t0 = System.nanoTime();

    /** Brisk only (parity and default), or the {@code --url} server: no FastAPI column. */
    public Lab(Scale scale, String url, PrintStream progress) {
        this(scale, url, progress, null);
    }

    /**
     * @param scale durations and counts
     * @param url a running seed-contract server, or {@code null} to start Brisk in-process
     * @param progress where progress lines go (the terminal's stderr)
     * @param fastapi the Python side, to measure FastAPI beside Brisk; {@code null} for no FastAPI column
     */
    Lab(Scale scale, String url, PrintStream progress, FastApi fastapi) {
        this.scale = scale;
        this.url = url;
        this.progress = progress;
        this.fastapi = url == null ? fastapi : null;
    }

    public Scale scale() {
        return scale;
    }

    /** {@code FastAPI} (when measured), {@code parity}, then {@code default}; or just the {@code --url} server. */
    public List<Setting> settings() {
        return settings(List.of(FastApiVariant.seedApp()));
    }

    /** As {@link #settings()}, with these FastAPI rows (see {@link FastApiVariant}). */
    public List<Setting> settings(List<FastApiVariant> variants) {
        if (url != null) return List.of(Setting.remote(url));
        List<Setting> out = new ArrayList<>();
        if (fastapi != null) for (FastApiVariant v : variants) out.add(Setting.fastapi(v, fastapi.describe()));
        out.add(Setting.parity());
        out.add(Setting.defaults());
        return out;
    }

    public boolean remote() {
        return url != null;
    }

    /** Whether FastAPI is measured in this run. */
    public boolean measuresFastApi() {
        return fastapi != null;
    }

    FastApi fastapi() {
        return fastapi;
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
