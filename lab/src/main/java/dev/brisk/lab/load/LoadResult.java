package dev.brisk.lab.load;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured. Only the measured window counts (after the warmup).
 *
 * @param urls         the URLs loaded
 * @param connections  connections used
 * @param threads      event loops used
 * @param pipeline     requests in flight per connection
 * @param targetRate   open-loop target in requests/second, 0 for a closed loop
 * @param elapsed      length of the measured window (until the last answer was in)
 * @param requests     complete responses received, whatever their status
 * @param bytesRead    bytes received (headers and bodies)
 * @param bytesWritten bytes of requests sent
 * @param latency      latencies in nanoseconds (a copy owned by this result): from the actual send
 *                     in a closed loop, from the intended send in an open loop (corrected for
 *                     coordinated omission)
 * @param statusCounts responses per exact status code, in order
 * @param errors       failures per kind; every kind is present, most are 0
 * @param reconnects   connections opened again after the server (or a failure) closed one
 * @param unfinished   requests still in flight when the run ended (neither answered nor failed)
 * @param failure      why the run stopped early (e.g. the server could not be reached), or null
 */
public record LoadResult(
        List<String> urls,
        int connections,
        int threads,
        int pipeline,
        double targetRate,
        Duration elapsed,
        long requests,
        long bytesRead,
        long bytesWritten,
        Histogram latency,
        SortedMap<Integer, Long> statusCounts,
        Map<ErrorKind, Long> errors,
        long reconnects,
        long unfinished,
        String failure) {

    public LoadResult {
        urls = List.copyOf(urls);
        statusCounts = Collections.unmodifiableSortedMap(new TreeMap<>(statusCounts));
        EnumMap<ErrorKind, Long> all = new EnumMap<>(ErrorKind.class);
        for (ErrorKind k : ErrorKind.values()) {
            all.put(k, errors.getOrDefault(k, 0L));
        }
        errors = Collections.unmodifiableMap(all);
    }

    /** True when the run ended on its bounds and every request got a 2xx or 3xx answer. */
    public boolean ok() {
        return failure == null && requests > 0 && errorCount() == 0 && requests == statusClass(2) + statusClass(3);
    }

    public boolean openLoop() {
        return targetRate > 0;
    }

    /** Completed responses per second over the measured window. */
    public double requestsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : requests / s;
    }

    /** Bytes received per second over the measured window. */
    public double bytesReadPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s <= 0 ? 0 : bytesRead / s;
    }

    /** The latency at a percentile (0–100) in milliseconds; 0 when nothing was measured. */
    public double latencyMillis(double percentile) {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(percentile) / 1e6;
    }

    public double p50Millis() { return latencyMillis(50); }
    public double p90Millis() { return latencyMillis(90); }
    public double p99Millis() { return latencyMillis(99); }
    public double p999Millis() { return latencyMillis(99.9); }

    public double maxMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1e6;
    }

    public double minMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMinValue() / 1e6;
    }

    public double meanMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getMean() / 1e6;
    }

    public double stdDevMillis() {
        return latency.getTotalCount() == 0 ? 0 : latency.getStdDeviation() / 1e6;
    }

    /** Responses with a status in {@code cls}xx, e.g. {@code statusClass(5)} for 5xx. */
    public long statusClass(int cls) {
        long n = 0;
        for (Map.Entry<Integer, Long> e : statusCounts.entrySet()) {
            if (e.getKey() / 100 == cls) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** Responses with exactly this status. */
    public long status(int code) {
        return statusCounts.getOrDefault(code, 0L);
    }

    public long errors(ErrorKind kind) {
        return errors.get(kind);
    }

    /** All failures: requests that got no response plus failed connection attempts. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Requests sent that got no complete response (timeouts, resets, early closes, garbage). */
    public long requestErrors() {
        return errors.entrySet().stream().filter(e -> !e.getKey().isConnect()).mapToLong(Map.Entry::getValue).sum();
    }

    /** Failed connection attempts. */
    public long connectErrors() {
        return errorCount() - requestErrors();
    }
}
