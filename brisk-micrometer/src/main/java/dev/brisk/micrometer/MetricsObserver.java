package dev.brisk.micrometer;

import dev.brisk.Request;
import dev.brisk.observe.Observation;
import dev.brisk.observe.Observer;
import dev.brisk.observe.RequestEnd;
import dev.brisk.routing.Route;
import dev.brisk.watchdog.Stall;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Turns Brisk's observations into Micrometer meters. Label values are bounded: the route is the
 * template (never the raw path; {@code UNMATCHED} for every 404/405), the method one of the standard
 * nine or {@code OTHER}, the status a number. Meters are looked up once per route and status and then
 * cached, so a request costs two map reads and the meters' own updates.
 *
 * <p>Why these meters: the request timer has fixed SLO buckets (13 cumulative counters: a bucket search and
 * a few adders per request, nothing allocated) rather than Micrometer's percentile histogram (~70 buckets a
 * series) or client-side percentiles (a time-windowed histogram updated per request, and not aggregable
 * across instances anyway); in-flight and queue counts are {@link LongAdder}s read by gauges only when
 * scraped. Measured (benchmarks/README.md, "The cost of observability"): this observer adds ~100 bytes and
 * a few hundred ns of CPU per request, against ~1.3 KB and ~1 µs for an OpenTelemetry SDK span, so no
 * cheaper meter would move the total.
 */
final class MetricsObserver implements Observer {
    static final String UNMATCHED = "UNMATCHED";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT");
    private static final Duration[] LATENCY_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000);
    private static final Duration[] LAG_BUCKETS = millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000);

    private final MeterRegistry registry;
    private final Map<Route, RouteMeters> byRoute = new ConcurrentHashMap<>();
    private final Map<String, RouteMeters> unmatched = new ConcurrentHashMap<>();
    private final Map<String, Timer> lag = new ConcurrentHashMap<>();
    private final Map<String, Counter> stalls = new ConcurrentHashMap<>();
    private final LongAdder inFlight = new LongAdder();
    private final LongAdder workerInFlight = new LongAdder();
    private final LongAdder workerQueued = new LongAdder();
    private final Counter refusedLoop;
    private final Counter refusedWorker;
    private final Timer queueWait;
    private final Timer offloadIo;
    private final Timer offloadCpu;
    private final Timer offloadWait;

    MetricsObserver(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("brisk.requests.in.flight", inFlight, LongAdder::sum)
                .description("Requests admitted and not yet answered").register(registry);
        Gauge.builder("brisk.worker.in.flight", workerInFlight, LongAdder::sum)
                .description("Worker-lane requests running on a worker").register(registry);
        Gauge.builder("brisk.worker.queued", workerQueued, LongAdder::sum)
                .description("Worker-lane requests waiting for a worker").register(registry);
        refusedLoop = refused("loop");
        refusedWorker = refused("worker");
        queueWait = Timer.builder("brisk.worker.queue.wait").description("Time a worker-lane request waited for a worker")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        offloadIo = offload("io");
        offloadCpu = offload("cpu");
        offloadWait = Timer.builder("brisk.offload.wait").description("Time offloaded work waited for a thread")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    private Counter refused(String lane) {
        return Counter.builder("brisk.requests.refused").description("Requests refused with 503 for overload")
                .tag("lane", lane).register(registry);
    }

    private Timer offload(String pool) {
        return Timer.builder("brisk.offload").description("Work run through Request.offload (io) and offloadCpu (cpu)")
                .tag("pool", pool).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
    }

    @Override
    public Observation start(Request request, Route route) {
        // get before computeIfAbsent: its lambda captures this observer, an object per request otherwise
        RouteMeters m;
        if (route != null) {
            m = byRoute.get(route);
            if (m == null) m = byRoute.computeIfAbsent(route, r -> new RouteMeters(r.method(), r.template(), r.lane().label()));
        } else {
            String method = method(request.method());
            m = unmatched.get(method);
            if (m == null) m = unmatched.computeIfAbsent(method, k -> new RouteMeters(k, UNMATCHED, "none"));
        }
        inFlight.increment();
        return m.worker ? new Req(m) : m;
    }

    private static String method(String m) {
        return METHODS.contains(m) ? m : "OTHER";
    }

    @Override
    public void loopLag(String loop, long lagNanos) {
        lag.computeIfAbsent(loop, l -> Timer.builder("brisk.loop.lag")
                .description("How late the watchdog's heartbeat ran on each event loop")
                .tag("loop", l).serviceLevelObjectives(LAG_BUCKETS).register(registry)).record(lagNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stall(Stall stall) {
        String route = stall.route() == null ? "none" : stall.route();
        String key = stall.kind() + "|" + stall.cause() + "|" + route;
        stalls.computeIfAbsent(key, k -> Counter.builder("brisk.stalls")
                .description("Stalls the watchdog saw, by where (loop/worker), kind (blocked/busy/paused/starved) and route to blame")
                .tag("where", stall.kind().name().toLowerCase(java.util.Locale.ROOT))
                .tag("kind", stall.cause().label()).tag("route", route).register(registry)).increment();
    }

    /**
     * A route's timers, one per status seen, created on first use. Also the observation of every request
     * to a route off the worker lane: such a request is never queued for a worker, so it has no state of
     * its own to keep, and sharing one observation saves an object per request.
     */
    private final class RouteMeters implements Observation {
        final String method;
        final String route;
        final String lane;
        final boolean worker;
        final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(600);

        RouteMeters(String method, String route, String lane) {
            this.method = method;
            this.route = route;
            this.lane = lane;
            this.worker = "worker".equals(lane);
        }

        @Override
        public void offloaded(boolean cpu, long waitNanos, long runNanos) {
            (cpu ? offloadCpu : offloadIo).record(runNanos, TimeUnit.NANOSECONDS);
            offloadWait.record(waitNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void end(RequestEnd end) {
            ended(end, refusedLoop);
        }

        /** What every request's end records, whatever its lane; {@code refused} is its lane's 503 counter. */
        void ended(RequestEnd end, Counter refused) {
            inFlight.decrement();
            if (end.refused()) refused.increment();
            timer(end.status()).record(end.totalNanos(), TimeUnit.NANOSECONDS);
        }

        Timer timer(int status) {
            int i = status >= 100 && status < 600 ? status : 0;
            Timer t = byStatus.get(i);
            if (t == null) {
                t = Timer.builder("http.server.requests").description("Requests by method, route template, status and lane")
                        .tag("method", method).tag("route", route).tag("status", i == 0 ? "other" : Integer.toString(i))
                        .tag("lane", lane).serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
                byStatus.set(i, t);
            }
            return t;
        }
    }

    private final class Req implements Observation {
        final RouteMeters m;
        boolean queued;
        volatile boolean started;

        Req(RouteMeters m) {
            this.m = m;
        }

        @Override
        public void queued() {
            queued = true;
            workerQueued.increment();
        }

        @Override
        public void workerStarted(long queuedNanos) {
            workerQueued.decrement();
            workerInFlight.increment();
            started = true;
            queueWait.record(queuedNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void offloaded(boolean cpu, long waitNanos, long runNanos) {
            m.offloaded(cpu, waitNanos, runNanos);
        }

        @Override
        public void end(RequestEnd end) {
            if (started) workerInFlight.decrement();
            else if (queued) workerQueued.decrement(); // ended (timed out, client gone, refused) while queued
            m.ended(end, refusedWorker);
        }
    }

    private static Duration[] millis(long... ms) {
        Duration[] d = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) d[i] = Duration.ofMillis(ms[i]);
        return d;
    }
}
