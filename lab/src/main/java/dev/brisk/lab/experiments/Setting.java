package dev.brisk.lab.experiments;

import dev.brisk.WorkerMode;

/**
 * A way to run the server: FastAPI itself (the bundled seed app under uvicorn, started by the lab),
 * Brisk's FastAPI-parity setting (one loop, 40 pooled workers), Brisk's default (a loop per core,
 * virtual threads), or a server the user started ({@code --url}).
 *
 * @param name the table's first column: {@code FastAPI}, {@code parity}, {@code default} or {@code target}
 * @param flags how to get the same by hand ({@code ./brisk seed ...}, or what runs FastAPI)
 * @param loops event loops (Brisk only)
 * @param worker worker lane (Brisk only; {@code null} for a server in another process)
 * @param fastapi the FastAPI variant to start, or {@code null}
 */
public record Setting(String name, String flags, int loops, WorkerMode worker, FastApiVariant fastapi) {

    public static Setting parity() {
        return new Setting("parity", "--loops 1 --worker pool:40", 1, WorkerMode.fastApiParity(), null);
    }

    public static Setting defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Setting("default", "--worker virtual, " + cores + " loop" + (cores == 1 ? "" : "s"), cores,
                WorkerMode.virtual(), null);
    }

    /** A server the lab did not start: its settings are unknown. */
    public static Setting remote(String url) {
        return new Setting("target", url, 0, null, null);
    }

    /** The FastAPI seed app, run by the lab with {@code describe} (what runs it) and the variant's options. */
    static Setting fastapi(FastApiVariant variant, String describe) {
        return new Setting(variant.name(), describe + (variant.note().isEmpty() ? "" : ", " + variant.note()), 0, null, variant);
    }

    /** Runs in another process (FastAPI, or {@code --url}): no watchdog to read, timed over HTTP. */
    public boolean isRemote() {
        return worker == null;
    }

    public boolean isFastApi() {
        return fastapi != null;
    }
}
