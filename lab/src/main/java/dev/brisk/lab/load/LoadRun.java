package dev.brisk.lab.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;

import org.HdrHistogram.Histogram;

/**
 * Runs one bounded HTTP/1.1 load against one or more URLs and returns what it measured.
 *
 * <pre>{@code
 * LoadResult r = LoadRun.run(LoadSpec.builder("http://127.0.0.1:8000/plaintext")
 *         .connections(16).duration(Duration.ofSeconds(5)).build());
 * System.out.println(r.requestsPerSecond() + " req/s, p99 " + r.p99Millis() + " ms");
 * }</pre>
 *
 * <p>How it works: {@code threads} Netty event loops own {@code connections} keep-alive
 * connections, spread round-robin (and round-robin over the URLs' host:port). Each connection
 * has at most {@code pipeline} requests in flight. In a closed loop a connection sends its next
 * request as soon as an answer arrives; in an open loop ({@code rate > 0}) request <i>i</i> of
 * connection <i>c</i> is due at {@code start + (c + i·connections) / rate}, and its latency is
 * measured from that due time, not from when it could actually be sent (wrk2's correction for
 * coordinated omission). A server that closes a connection gets a new one; every failure is
 * counted by {@link ErrorKind}.
 *
 * <p>Threading: the caller's thread sets up, waits and collects; everything about a connection
 * happens on its event loop. The loops share only volatile flags and an atomic request quota;
 * each keeps its own histogram and counters, merged after the loops have terminated.
 */
public final class LoadRun {
    private static final long DRAIN_CAP_NANOS = TimeUnit.SECONDS.toNanos(2);

    final LoadSpec spec;
    final Transport transport;
    final boolean openLoop;
    final boolean countBound;
    final long timeoutNanos;
    final int connectTimeoutMillis;
    /** Open loop: time between two intended sends of one connection. */
    final long connectionIntervalNanos;
    /** Open loop: offset between consecutive connections' schedules. */
    final long spacingNanos;
    /** Written before the loops start (the task hand-off publishes them), read-only after. */
    long startNanos;
    long measureStartNanos;
    /** End of the measured window: no request is sent (or due, in an open loop) from then on. */
    long deadlineNanos;

    volatile boolean stopped;
    volatile boolean closing;
    private final AtomicLong quota;
    private final AtomicInteger loopsRunning;
    private final CountDownLatch allFinished = new CountDownLatch(1);
    /** Wakes the run's thread: every loop finished, or {@link #stop()} was called. */
    private final CountDownLatch wake = new CountDownLatch(1);
    private final AtomicBoolean used = new AtomicBoolean();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private final CountDownLatch initialConnects;
    private final AtomicInteger initialOk = new AtomicInteger();
    private final AtomicReference<String> initialError = new AtomicReference<>();

    private LoadRun(LoadSpec spec) {
        this.spec = spec;
        this.transport = spec.transport().resolve();
        this.openLoop = spec.openLoop();
        this.countBound = spec.requests() > 0;
        this.quota = new AtomicLong(spec.requests());
        this.timeoutNanos = spec.timeout().toNanos();
        this.connectTimeoutMillis = (int) Math.min(spec.timeout().toMillis(), 30_000);
        this.connectionIntervalNanos = openLoop ? Math.max(1, Math.round(spec.connections() * 1e9 / spec.rate())) : 0;
        this.spacingNanos = openLoop ? Math.max(0, Math.round(1e9 / spec.rate())) : 0;
        this.loopsRunning = new AtomicInteger(spec.threads());
        this.initialConnects = new CountDownLatch(spec.connections());
    }

    /**
     * Runs the load described by {@code spec} on the calling thread (which blocks) and returns the
     * measurements. Never throws for server-side trouble: an unreachable server, errors, garbage
     * or a server dying mid-run all end up in the result ({@link LoadResult#failure()},
     * {@link LoadResult#errors()}).
     *
     * @throws IllegalStateException if the spec asks for a transport this machine lacks (epoll)
     */
    public static LoadResult run(LoadSpec spec) {
        return new LoadRun(spec).run();
    }

    /**
     * A run that has not started yet, for callers that may want to {@link #stop()} it early from
     * another thread (a Ctrl-C handler, an experiment's time-out). {@code LoadRun.run(spec)} is
     * {@code LoadRun.prepare(spec).run()}.
     */
    public static LoadRun prepare(LoadSpec spec) {
        return new LoadRun(spec);
    }

    /**
     * Ends the run early, as if its bounds had been reached: nothing more is sent, answers in
     * flight get a short drain, and {@link #run()} returns what was measured. Thread-safe; does
     * nothing once the run is over. Not a failure: {@link LoadResult#failure()} stays null.
     */
    public void stop() {
        wake.countDown();
    }

    /** Runs on the calling thread, blocking until the bounds are reached. Once per instance. */
    public LoadResult run() {
        if (!used.compareAndSet(false, true)) {
            throw new IllegalStateException("a LoadRun runs once");
        }
        return execute();
    }

    private LoadResult execute() {
        Map<String, List<Target>> byEndpoint = new LinkedHashMap<>();
        for (Target t : spec.targets()) {
            byEndpoint.computeIfAbsent(t.endpoint(), k -> new ArrayList<>()).add(t);
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        List<byte[][]> encoded = new ArrayList<>();
        for (List<Target> targets : byEndpoint.values()) {
            Target first = targets.getFirst();
            InetSocketAddress address = new InetSocketAddress(first.host(), first.port());
            if (address.isUnresolved()) {
                return emptyResult("unknown host '" + first.host() + "'");
            }
            addresses.add(address);
            encoded.add(targets.stream().map(t -> Requests.encode(spec, t)).toArray(byte[][]::new));
        }

        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(spec.threads(),
                new DefaultThreadFactory("brisk-load", true), transport.ioHandlerFactory());
        List<LoopState> loops = new ArrayList<>();
        long endNanos;
        try {
            for (EventExecutor e : group) {
                loops.add(new LoopState(this, (EventLoop) e, directCopies(encoded)));
            }
            for (int c = 0; c < spec.connections(); c++) {
                LoopState loop = loops.get(c % loops.size());
                int endpoint = c % addresses.size();
                loop.connections.add(new Connection(this, loop, c, addresses.get(endpoint), loop.requests[endpoint]));
            }
            for (LoopState loop : loops) {
                loop.executor.execute(loop::connectAll);
            }
            awaitEither(initialConnects, wake, TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis + 2_000L));
            if (wake.getCount() == 0 && initialOk.get() == 0) {
                startNanos = measureStartNanos = System.nanoTime();
                endNanos = startNanos;
            } else if (initialOk.get() == 0) {
                fail("cannot connect to " + firstNonNull(initialError.get(), addresses.getFirst().toString()));
                startNanos = measureStartNanos = System.nanoTime();
                endNanos = startNanos;
            } else {
                endNanos = measure(loops);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
            endNanos = System.nanoTime();
        } finally {
            stopped = true;
            closing = true;
            for (LoopState loop : loops) {
                loop.executor.execute(loop::closeAll);
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            for (LoopState loop : loops) {
                loop.releaseRequests();
            }
        }
        return collect(loops, Math.max(0, endNanos - measureStartNanos));
    }

    /** Starts the clock, waits for the bounds, drains; returns when the measured window ended. */
    private long measure(List<LoopState> loops) throws InterruptedException {
        startNanos = System.nanoTime();
        measureStartNanos = startNanos + spec.warmup().toNanos();
        long deadline = measureStartNanos + spec.timeLimit().toNanos();
        deadlineNanos = deadline;
        for (LoopState loop : loops) {
            loop.executor.execute(loop::start);
        }
        if (!spec.warmup().isZero()) {
            if (wake.await(measureStartNanos - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                stopped = true;
                return System.nanoTime();
            }
            for (LoopState loop : loops) {
                loop.executor.execute(loop::markMeasuring);
            }
        }
        wake.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        stopped = true;
        for (LoopState loop : loops) {
            loop.executor.execute(loop::checkFinished);
        }
        allFinished.await(Math.min(timeoutNanos, DRAIN_CAP_NANOS), TimeUnit.NANOSECONDS);
        return System.nanoTime();
    }

    /** Waits until {@code a} is released, or {@code b}, or the time is up. */
    private static void awaitEither(CountDownLatch a, CountDownLatch b, long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        while (a.getCount() > 0 && b.getCount() > 0 && end - System.nanoTime() > 0) {
            a.await(Math.min(10_000_000L, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private static ByteBuf[][] directCopies(List<byte[][]> encoded) {
        ByteBuf[][] copies = new ByteBuf[encoded.size()][];
        for (int e = 0; e < copies.length; e++) {
            byte[][] requests = encoded.get(e);
            copies[e] = new ByteBuf[requests.length];
            for (int i = 0; i < requests.length; i++) {
                copies[e][i] = PooledByteBufAllocator.DEFAULT.directBuffer(requests[i].length).writeBytes(requests[i]);
            }
        }
        return copies;
    }

    // ---- called from the loops ----

    boolean takeQuota() {
        return quota.getAndDecrement() > 0;
    }

    boolean quotaSpent() {
        return quota.get() <= 0;
    }

    void loopFinished() {
        if (loopsRunning.decrementAndGet() == 0) {
            allFinished.countDown();
            wake.countDown();
        }
    }

    void fail(String reason) {
        failure.compareAndSet(null, reason);
    }

    void initialConnect(Throwable cause, InetSocketAddress address) {
        if (cause == null) {
            initialOk.incrementAndGet();
        } else {
            initialError.compareAndSet(null, address.getHostString() + ":" + address.getPort()
                    + " (" + ErrorKind.describeConnect(cause) + ")");
        }
        initialConnects.countDown();
    }

    // ---- results ----

    private LoadResult collect(List<LoopState> loops, long elapsedNanos) {
        Histogram latency = LoopStats.newHistogram();
        long requests = 0, bytesRead = 0, bytesWritten = 0, reconnects = 0, unfinished = 0;
        long[] status = new long[LoopStats.MAX_STATUS];
        Map<ErrorKind, Long> errors = new EnumMap<>(ErrorKind.class);
        for (LoopState loop : loops) {
            LoopStats s = loop.stats;
            latency.add(s.latency);
            requests += s.completed;
            bytesRead += s.bytesRead - s.bytesReadBeforeMeasuring;
            bytesWritten += s.bytesWritten;
            reconnects += s.reconnects;
            unfinished += s.unfinished;
            for (int i = 0; i < status.length; i++) {
                status[i] += s.status[i];
            }
            for (ErrorKind k : ErrorKind.values()) {
                errors.merge(k, s.errors[k.ordinal()], Long::sum);
            }
        }
        Map<Integer, Long> statusCounts = new TreeMap<>();
        for (int i = 0; i < status.length; i++) {
            if (status[i] > 0) {
                statusCounts.put(i, status[i]);
            }
        }
        return new LoadResult(urls(), spec.connections(), spec.threads(), spec.pipeline(), spec.rate(),
                Duration.ofNanos(elapsedNanos), requests, bytesRead, bytesWritten, latency,
                new TreeMap<>(statusCounts), errors, reconnects, unfinished, failure.get());
    }

    private LoadResult emptyResult(String reason) {
        return new LoadResult(urls(), spec.connections(), spec.threads(), spec.pipeline(), spec.rate(),
                Duration.ZERO, 0, 0, 0, LoopStats.newHistogram(), new TreeMap<>(), Map.of(), 0, 0, reason);
    }

    private List<String> urls() {
        return spec.targets().stream().map(Target::url).toList();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
