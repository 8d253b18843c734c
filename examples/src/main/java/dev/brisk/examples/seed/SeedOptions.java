package dev.brisk.examples.seed;

import java.time.Duration;

/**
 * The seed app's knobs, as {@code ./brisk seed} exposes them (see shared/seed-app-contract.md).
 *
 * @param blockSeconds how long the blocking request of {@code /sync} and {@code /async} sleeps (seed 000: 20 s)
 * @param blockOn which request number blocks (seed 000: the 5th)
 * @param sleepSeconds seed 004's sleep for {@code /asyncio-test} and {@code /sync-test}
 * @param upstream base URL of the slow upstream for {@code /http/*}
 * @param corsOrigin the origin allowed by CORS on every answer, errors included, or {@code null} for no CORS
 */
public record SeedOptions(double blockSeconds, int blockOn, double sleepSeconds, String upstream, String corsOrigin) {

    public SeedOptions(double blockSeconds, int blockOn, double sleepSeconds, String upstream) {
        this(blockSeconds, blockOn, sleepSeconds, upstream, null);
    }

    public static SeedOptions defaults() {
        return new SeedOptions(20, 5, 3, "http://127.0.0.1:8090");
    }

    public Duration block() {
        return Duration.ofNanos((long) (blockSeconds * 1e9));
    }

    public Duration sleep() {
        return Duration.ofNanos((long) (sleepSeconds * 1e9));
    }

    public SeedOptions withUpstream(String url) {
        return new SeedOptions(blockSeconds, blockOn, sleepSeconds, url, corsOrigin);
    }

    public SeedOptions withBlock(double seconds, int on) {
        return new SeedOptions(seconds, on, sleepSeconds, upstream, corsOrigin);
    }

    public SeedOptions withSleep(double seconds) {
        return new SeedOptions(blockSeconds, blockOn, seconds, upstream, corsOrigin);
    }

    public SeedOptions withCorsOrigin(String origin) {
        return new SeedOptions(blockSeconds, blockOn, sleepSeconds, upstream, origin);
    }
}
