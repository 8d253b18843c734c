package dev.brisk.lab.load;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Counters of one event loop. Threading: written only by that loop's thread, read by the
 * run's thread after the loop group has terminated (which orders the writes before the reads).
 */
final class LoopStats {
    /** Latencies in nanoseconds, µs resolution, up to an hour. */
    static final long LOWEST_NANOS = 1_000;
    static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);
    static final int MAX_STATUS = 1000;

    final Histogram latency = newHistogram();
    long completed;
    long bytesRead;
    long bytesReadBeforeMeasuring;
    long bytesWritten;
    final long[] status = new long[MAX_STATUS];
    final long[] errors = new long[ErrorKind.values().length];
    long reconnects;
    long unfinished;

    static Histogram newHistogram() {
        return new Histogram(LOWEST_NANOS, HIGHEST_NANOS, 3);
    }

    void recordResponse(long latencyNanos, int statusCode) {
        latency.recordValue(Math.max(0, Math.min(latencyNanos, HIGHEST_NANOS)));
        completed++;
        status[statusCode >= 0 && statusCode < MAX_STATUS ? statusCode : 0]++;
    }

    void error(ErrorKind kind, long count) {
        errors[kind.ordinal()] += count;
    }
}
