package dev.brisk.lab.experiments;

/**
 * How big and how long the experiments are. {@link #scaled()} keeps the whole lab around a minute on
 * a small machine; {@link #faithful()} uses the seeds' own numbers.
 *
 * @param e1Requests seed 000's concurrent requests (10)
 * @param blockSeconds seed 000's {@code time.sleep(20)}
 * @param e2Requests seed 001's concurrent upstream calls
 * @param waitMs seed 001's {@code ?waitms=1000}
 * @param e2TimeoutMs the benchmark client's timeout
 * @param cpuRequests seed 002's concurrent heavy requests
 * @param cpuMillis how long one heavy request computes
 * @param e4Urls seed 003's pages to download (100)
 * @param e4WaitMs how long one page takes (seed 003: 13.25 s / 100 pages with one worker)
 * @param e4Pools seed 003's {@code max_workers} sweep
 * @param e5Requests seed 004's concurrent requests (100)
 * @param sleepSeconds seed 004's {@code sleep(3)}
 */
public record Scale(int e1Requests, double blockSeconds, int e2Requests, int waitMs, int e2TimeoutMs,
                    int cpuRequests, int cpuMillis, int e4Urls, int e4WaitMs, int[] e4Pools,
                    int e5Requests, double sleepSeconds) {
    private static final int[] SEED_POOLS = {1, 5, 10, 20, 30, 100, 500};

    /** The default: every duration cut so the lab stays short; request counts as in the seeds. */
    public static Scale scaled() {
        return new Scale(10, 2, 100, 250, 2000, 4, 300, 100, 40, SEED_POOLS, 100, 1);
    }

    /** The seeds' originals: 20 s block, waitms=1000, 3 s sleeps (takes several minutes). */
    public static Scale faithful() {
        return new Scale(10, 20, 100, 1000, 10_000, 4, 1000, 100, 130, SEED_POOLS, 100, 3);
    }

    /** Tiny, for tests: same shapes, fractions of a second. */
    public static Scale tiny() {
        return new Scale(10, 0.8, 100, 250, 1200, 3, 200, 40, 25, new int[] {1, 10, 40}, 100, 0.5);
    }

    public String describe() {
        return String.format("block %.1f s, waitms=%d, sleep %.1f s, CPU %d ms per request", blockSeconds, waitMs,
                sleepSeconds, cpuMillis);
    }
}
