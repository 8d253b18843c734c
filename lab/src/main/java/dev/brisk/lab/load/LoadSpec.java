package dev.brisk.lab.load;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to load, how hard and for how long: the immutable input of {@link LoadRun#run(LoadSpec)}.
 * Built with {@link #builder(String...)}; {@link Builder#build()} validates everything and
 * throws {@link IllegalArgumentException} with a one-line message.
 *
 * <p>A run is always bounded: by {@link #requests()} (a count), by {@link #duration()}, or by
 * both (whichever comes first). With neither, it lasts {@link #DEFAULT_DURATION}; a count alone is
 * still cut at {@link #MAX_DURATION}.
 */
public final class LoadSpec {
    /** Longest run (and warmup) accepted. */
    public static final Duration MAX_DURATION = Duration.ofMinutes(10);
    /** Duration when neither a count nor a duration is given. */
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    /** Largest request count accepted. */
    public static final long MAX_REQUESTS = 100_000_000L;
    public static final int MAX_CONNECTIONS = 10_000;
    public static final int MAX_THREADS = 64;
    public static final int MAX_PIPELINE = 64;
    public static final double MAX_RATE = 10_000_000;

    private final List<Target> targets;
    private final int connections;
    private final long requests;
    private final Duration duration;
    private final double rate;
    private final int threads;
    private final List<Map.Entry<String, String>> headers;
    private final String method;
    private final byte[] body;
    private final Duration timeout;
    private final Duration warmup;
    private final int pipeline;
    private final Transport transport;

    private LoadSpec(Builder b, List<Target> targets) {
        this.targets = targets;
        this.connections = b.connections;
        this.requests = b.requests;
        this.duration = b.duration;
        this.rate = b.rate;
        this.threads = b.threads;
        this.headers = List.copyOf(b.headers);
        this.method = b.method.toUpperCase(Locale.ROOT);
        this.body = b.body == null ? null : b.body.clone();
        this.timeout = b.timeout;
        this.warmup = b.warmup;
        this.pipeline = b.pipeline;
        this.transport = b.transport;
    }

    /** Starts a spec for one or more URLs ({@code http://} only); several URLs are rotated over. */
    public static Builder builder(String... urls) {
        return new Builder(List.of(urls));
    }

    /** Same as {@link #builder(String...)}. */
    public static Builder builder(List<String> urls) {
        return new Builder(List.copyOf(urls));
    }

    public List<Target> targets() { return targets; }
    public int connections() { return connections; }
    /** Total requests to send in the measured window; 0 = no count bound. */
    public long requests() { return requests; }
    /** The duration bound, or {@code null} when only a count was given. */
    public Duration duration() { return duration; }
    /** Target requests/second (open loop); 0 = closed loop. */
    public double rate() { return rate; }
    public boolean openLoop() { return rate > 0; }
    public int threads() { return threads; }
    public List<Map.Entry<String, String>> headers() { return headers; }
    public String method() { return method; }
    /** Request body, or {@code null}. A copy. */
    public byte[] body() { return body == null ? null : body.clone(); }
    int bodyLength() { return body == null ? -1 : body.length; }
    byte[] bodyUnsafe() { return body; }
    public Duration timeout() { return timeout; }
    public Duration warmup() { return warmup; }
    /** Requests in flight per connection (1 = no pipelining). */
    public int pipeline() { return pipeline; }
    public Transport transport() { return transport; }

    /** How long the measured window may last at most: the duration, or the cap for count-only runs. */
    public Duration timeLimit() {
        if (duration != null) {
            return duration;
        }
        return requests > 0 ? MAX_DURATION : DEFAULT_DURATION;
    }

    /** Builder with wrk-like defaults: 10 connections, 1 thread, GET, closed loop, 10 s timeout. */
    public static final class Builder {
        private final List<String> urls;
        private int connections = 10;
        private long requests;
        private Duration duration;
        private double rate;
        private int threads = 1;
        private final List<Map.Entry<String, String>> headers = new ArrayList<>();
        private String method = "GET";
        private byte[] body;
        private Duration timeout = Duration.ofSeconds(10);
        private Duration warmup = Duration.ZERO;
        private int pipeline = 1;
        private Transport transport = Transport.AUTO;

        private Builder(List<String> urls) {
            this.urls = urls;
        }

        public Builder connections(int n) { this.connections = n; return this; }
        /** Total request count (the measured ones); 0 = none. */
        public Builder requests(long n) { this.requests = n; return this; }
        public Builder duration(Duration d) { this.duration = d; return this; }
        /** Open loop at this many requests/second; 0 = closed loop. */
        public Builder rate(double perSecond) { this.rate = perSecond; return this; }
        public Builder threads(int n) { this.threads = n; return this; }
        public Builder header(String name, String value) { headers.add(Map.entry(name, value)); return this; }
        /** Adds a header given as {@code "Name: value"}. */
        public Builder header(String line) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header must look like 'Name: value': '" + line + "'");
            }
            return header(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        public Builder method(String m) { this.method = Objects.requireNonNull(m); return this; }
        public Builder body(String text) { return body(text == null ? null : text.getBytes(StandardCharsets.UTF_8)); }
        public Builder body(byte[] bytes) { this.body = bytes == null ? null : bytes.clone(); return this; }
        public Builder timeout(Duration d) { this.timeout = Objects.requireNonNull(d); return this; }
        public Builder warmup(Duration d) { this.warmup = Objects.requireNonNull(d); return this; }
        public Builder pipeline(int depth) { this.pipeline = depth; return this; }
        public Builder transport(Transport t) { this.transport = Objects.requireNonNull(t); return this; }

        /** Validates and builds. @throws IllegalArgumentException one-line reason */
        public LoadSpec build() {
            if (urls.isEmpty()) {
                throw new IllegalArgumentException("no URL given");
            }
            List<Target> targets = urls.stream().map(Target::parse).toList();
            long endpoints = targets.stream().map(Target::endpoint).distinct().count();
            range("connections", connections, 1, MAX_CONNECTIONS);
            range("threads", threads, 1, MAX_THREADS);
            range("pipeline", pipeline, 1, MAX_PIPELINE);
            if (threads > connections) {
                throw new IllegalArgumentException(
                        "threads (" + threads + ") must not exceed connections (" + connections + ")");
            }
            if (endpoints > connections) {
                throw new IllegalArgumentException("need at least one connection per host:port ("
                        + endpoints + " given, " + connections + " connections)");
            }
            if (requests < 0 || requests > MAX_REQUESTS) {
                throw new IllegalArgumentException("requests must be between 1 and " + MAX_REQUESTS + ", got " + requests);
            }
            if (duration != null) {
                positiveAtMost("duration", duration, MAX_DURATION);
            }
            positiveAtMost("timeout", timeout, MAX_DURATION);
            if (warmup.isNegative() || warmup.compareTo(MAX_DURATION) > 0) {
                throw new IllegalArgumentException("warmup must be between 0 and " + Durations.format(MAX_DURATION));
            }
            if (!(rate >= 0 && rate <= MAX_RATE) || Double.isNaN(rate)) {
                throw new IllegalArgumentException("rate must be between 1 and " + (long) MAX_RATE + " requests/s, got " + rate);
            }
            if (!method.matches("[A-Za-z]{1,20}")) {
                throw new IllegalArgumentException("invalid method '" + method + "'");
            }
            for (Map.Entry<String, String> h : headers) {
                checkHeader(h.getKey(), h.getValue());
            }
            return new LoadSpec(this, targets);
        }

        private static void checkHeader(String name, String value) {
            if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                throw new IllegalArgumentException("invalid header name '" + name + "'");
            }
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("header value must be one line: '" + name + "'");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") || lower.equals("transfer-encoding")) {
                throw new IllegalArgumentException(name + " is set from --body, don't pass it as a header");
            }
        }

        private static void range(String what, long value, long min, long max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(what + " must be between " + min + " and " + max + ", got " + value);
            }
        }

        private static void positiveAtMost(String what, Duration d, Duration max) {
            if (d.isNegative() || d.isZero() || d.compareTo(max) > 0) {
                throw new IllegalArgumentException(what + " must be more than 0 and at most "
                        + Durations.format(max) + ", got " + Durations.format(d));
            }
        }
    }
}
