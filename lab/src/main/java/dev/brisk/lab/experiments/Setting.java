package dev.brisk.lab.experiments;

import dev.brisk.WorkerMode;

/**
 * A way to run the server: the FastAPI-parity setting (one loop, 40 pooled workers), Brisk's
 * default (a loop per core, virtual threads), or a server the user started ({@code --url}).
 *
 * @param name {@code parity}, {@code default} or {@code target}
 * @param flags how to get the same with {@code ./brisk seed}
 * @param loops event loops
 * @param worker worker lane
 */
public record Setting(String name, String flags, int loops, WorkerMode worker) {

    public static Setting parity() {
        return new Setting("parity", "--loops 1 --worker pool:40", 1, WorkerMode.fastApiParity());
    }

    public static Setting defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new Setting("default", "--worker virtual, " + cores + " loop" + (cores == 1 ? "" : "s"), cores,
                WorkerMode.virtual());
    }

    /** A server the lab did not start: its settings are unknown. */
    public static Setting remote(String url) {
        return new Setting("target", url, 0, null);
    }

    public boolean isRemote() {
        return worker == null;
    }
}
