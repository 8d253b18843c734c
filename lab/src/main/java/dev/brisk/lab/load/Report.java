package dev.brisk.lab.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Prints a {@link LoadResult}: a short wrk-like text, or one JSON object with the same figures. */
public final class Report {
    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Report() {}

    /** The opening line printed before a run, e.g. {@code Running 10s load @ http://...}. */
    public static String header(LoadSpec spec) {
        String bound = spec.requests() > 0
                ? spec.requests() + " requests" + (spec.duration() == null ? "" : " (at most " + Durations.format(spec.duration()) + ")")
                : Durations.format(spec.timeLimit());
        StringBuilder sb = new StringBuilder();
        sb.append("Running ").append(bound).append(" load @ ").append(String.join(" ", urls(spec))).append('\n');
        sb.append("  ").append(plural(spec.connections(), "connection")).append(", ")
                .append(plural(spec.threads(), "thread")).append(", ")
                .append(spec.openLoop() ? "open loop at " + number(spec.rate()) + " req/s" : "closed loop");
        if (spec.pipeline() > 1) {
            sb.append(", pipeline ").append(spec.pipeline());
        }
        if (!spec.warmup().isZero()) {
            sb.append(", warmup ").append(Durations.format(spec.warmup()));
        }
        return sb.toString();
    }

    /** The human-readable summary, several lines, ending with a newline. */
    public static String text(LoadResult r) {
        StringBuilder sb = new StringBuilder();
        line(sb, "requests", String.format(Locale.ROOT, "%d in %.2fs, %.1f req/s%s",
                r.requests(), r.elapsed().toNanos() / 1e9, r.requestsPerSecond(),
                r.unfinished() > 0 ? " (" + r.unfinished() + " unfinished at the end)" : ""));
        line(sb, "latency", r.requests() == 0 ? "-" : String.format(Locale.ROOT,
                "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s ms  (mean %s, stdev %s)%s",
                ms(r.p50Millis()), ms(r.p90Millis()), ms(r.p99Millis()), ms(r.p999Millis()),
                ms(r.maxMillis()), ms(r.meanMillis()), ms(r.stdDevMillis()),
                r.openLoop() ? ", from intended send times" : ""));
        line(sb, "transfer", bytes(r.bytesRead()) + " read (" + bytes((long) r.bytesReadPerSecond()) + "/s), "
                + bytes(r.bytesWritten()) + " sent");
        StringBuilder codes = new StringBuilder();
        for (Map.Entry<Integer, Long> e : r.statusCounts().entrySet()) {
            codes.append(codes.isEmpty() ? "" : ", ").append(e.getKey()).append(": ").append(e.getValue());
        }
        line(sb, "status", String.format(Locale.ROOT, "2xx %d, 3xx %d, 4xx %d, 5xx %d%s",
                r.statusClass(2), r.statusClass(3), r.statusClass(4), r.statusClass(5),
                codes.isEmpty() ? "" : "  [" + codes + "]"));
        line(sb, "errors", errorList(r).isEmpty() ? "none" : String.join(", ", errorList(r)));
        line(sb, "reconnects", Long.toString(r.reconnects()));
        if (r.failure() != null) {
            line(sb, "stopped", r.failure());
        }
        return sb.toString();
    }

    /** One line saying what went wrong, or null when the run was clean ({@link LoadResult#ok()}). */
    public static String problem(LoadResult r) {
        if (r.failure() != null) {
            return r.failure();
        }
        if (r.requestErrors() > 0 || r.connectErrors() > 0) {
            return r.requestErrors() + " of " + (r.requests() + r.requestErrors()) + " requests failed, "
                    + r.connectErrors() + " connection attempts failed (" + String.join(", ", errorList(r)) + ")";
        }
        if (r.requests() == 0) {
            return "no response received";
        }
        long bad = r.requests() - r.statusClass(2) - r.statusClass(3);
        if (bad > 0) {
            List<String> codes = new ArrayList<>();
            r.statusCounts().forEach((code, n) -> {
                if (code / 100 != 2 && code / 100 != 3) {
                    codes.add(code + ": " + n);
                }
            });
            return bad + " of " + r.requests() + " responses were not 2xx/3xx (" + String.join(", ", codes) + ")";
        }
        return null;
    }

    /** The result as one JSON object (pretty-printed), field names in snake_case. */
    public static String json(LoadResult r) {
        return JSON.writeValueAsString(toMap(r));
    }

    /** The JSON object as ordered maps, lists and numbers. */
    public static Map<String, Object> toMap(LoadResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("urls", r.urls());
        m.put("connections", r.connections());
        m.put("threads", r.threads());
        m.put("pipeline", r.pipeline());
        m.put("mode", r.openLoop() ? "open" : "closed");
        m.put("target_rate", r.openLoop() ? r.targetRate() : null);
        m.put("duration_s", round(r.elapsed().toNanos() / 1e9, 6));
        m.put("requests", r.requests());
        m.put("requests_per_second", round(r.requestsPerSecond(), 2));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", round(r.p50Millis(), 3));
        latency.put("p90", round(r.p90Millis(), 3));
        latency.put("p99", round(r.p99Millis(), 3));
        latency.put("p99_9", round(r.p999Millis(), 3));
        latency.put("max", round(r.maxMillis(), 3));
        latency.put("min", round(r.minMillis(), 3));
        latency.put("mean", round(r.meanMillis(), 3));
        latency.put("stdev", round(r.stdDevMillis(), 3));
        latency.put("corrected", r.openLoop());
        m.put("latency_ms", latency);
        m.put("bytes_read", r.bytesRead());
        m.put("bytes_written", r.bytesWritten());
        m.put("bytes_read_per_second", round(r.bytesReadPerSecond(), 1));
        Map<String, Object> status = new LinkedHashMap<>();
        for (int cls = 1; cls <= 5; cls++) {
            status.put(cls + "xx", r.statusClass(cls));
        }
        Map<String, Long> codes = new LinkedHashMap<>();
        r.statusCounts().forEach((code, n) -> codes.put(Integer.toString(code), n));
        status.put("codes", codes);
        m.put("status", status);
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("total", r.errorCount());
        errors.put("requests", r.requestErrors());
        errors.put("connects", r.connectErrors());
        r.errors().forEach((k, n) -> errors.put(k.key(), n));
        m.put("errors", errors);
        m.put("reconnects", r.reconnects());
        m.put("unfinished", r.unfinished());
        m.put("ok", r.ok());
        m.put("failure", r.failure());
        return m;
    }

    private static List<String> errorList(LoadResult r) {
        List<String> out = new ArrayList<>();
        r.errors().forEach((k, n) -> {
            if (n > 0) {
                out.add(k.label() + " " + n);
            }
        });
        return out;
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "  %-11s %s%n", label, value));
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, "%.3f", millis);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static List<String> urls(LoadSpec spec) {
        return spec.targets().stream().map(Target::url).toList();
    }
}
