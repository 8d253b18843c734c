package dev.brisk.internal.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import dev.brisk.observe.Observer;
import dev.brisk.watchdog.Stall;
import dev.brisk.watchdog.StallListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects event-loop stalls and long-running worker requests, and names the route responsible.
 *
 * <p>How: a daemon thread ticks every quarter threshold. Each tick posts a heartbeat task to every
 * loop that has none pending. A heartbeat still pending after the threshold means the loop has been
 * stuck that long: the watchdog captures the loop thread's stack right then (during the stall) and
 * the route the dispatcher says is running. When the heartbeat finally runs, the stall is over and
 * is reported with its full duration. Cost: one tiny task per loop per tick, nothing per request
 * beyond two volatile writes around handler calls.
 */
public final class Watchdog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("brisk.watchdog");

    /** A worker-lane request being watched. */
    public static final class WorkerTicket {
        final Thread thread;
        final String route;
        final long startNanos = System.nanoTime();
        boolean reported;

        WorkerTicket(Thread thread, String route) {
            this.thread = thread;
            this.route = route;
        }
    }

    private final long thresholdNanos;
    private final long workerLimitNanos;
    private final boolean strict;
    private final List<StallListener> listeners;
    private final List<LoopProbe> probes = new CopyOnWriteArrayList<>();
    private final Map<LoopProbe, Executor> loops = new ConcurrentHashMap<>();
    private final Map<WorkerTicket, Boolean> workers = new ConcurrentHashMap<>();
    private final List<Stall> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong stallCount = new AtomicLong();
    private final Thread thread;
    private final Observer[] observers;
    private volatile boolean running = true;

    public Watchdog(Duration threshold, Duration workerLimit, boolean strict, List<StallListener> listeners) {
        this(threshold, workerLimit, strict, listeners, List.of());
    }

    /** With observers: each gets every loop's heartbeat lag and every classified stall. */
    public Watchdog(Duration threshold, Duration workerLimit, boolean strict, List<StallListener> listeners,
                    List<Observer> observers) {
        this.observers = observers.toArray(Observer[]::new);
        this.thresholdNanos = threshold.toNanos();
        this.workerLimitNanos = workerLimit.toNanos();
        this.strict = strict;
        this.listeners = listeners.isEmpty() ? List.of(Watchdog::logStall) : List.copyOf(listeners);
        this.thread = new Thread(this::run, "brisk-watchdog");
        this.thread.setDaemon(true);
    }

    /** Whether loop-stall detection is on (threshold above zero). */
    public boolean enabled() {
        return thresholdNanos > 0;
    }

    public void watch(LoopProbe probe, Executor loop) {
        probes.add(probe);
        loops.put(probe, loop);
    }

    public void start() {
        if (thresholdNanos > 0 || workerLimitNanos > 0) thread.start();
    }

    /** Registers a worker-lane request; returns {@code null} when worker watching is off. */
    public WorkerTicket workerStarted(String route) {
        if (workerLimitNanos <= 0) return null;
        WorkerTicket t = new WorkerTicket(Thread.currentThread(), route);
        workers.put(t, Boolean.TRUE);
        return t;
    }

    public void workerFinished(WorkerTicket ticket) {
        if (ticket != null) workers.remove(ticket);
    }

    /** Every stall seen so far, of every kind (tests and the lab read this). */
    public List<Stall> stalls() {
        return List.copyOf(seen);
    }

    /** The stalls strict mode fails on: the code's own (blocked or busy), not GC pauses or an overloaded machine. */
    public List<Stall> codeStalls() {
        return seen.stream().filter(Stall::codeCaused).toList();
    }

    public long stallCount() {
        return stallCount.get();
    }

    public boolean strict() {
        return strict;
    }

    private void run() {
        long tickNanos = Math.max(Duration.ofMillis(2).toNanos(),
                Math.min(thresholdNanos > 0 ? thresholdNanos / 4 : Long.MAX_VALUE, Duration.ofMillis(250).toNanos()));
        // Scanning every in-flight worker (1,000 at a time under load) each loop tick cost more than the
        // loop checks; a worker limit (30 s by default) needs a look only every tenth of itself.
        long workerEveryNanos = Math.max(tickNanos, workerLimitNanos / 10);
        long lastWorkerCheck = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(Duration.ofNanos(tickNanos));
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (thresholdNanos > 0) {
                for (LoopProbe p : probes) checkLoop(p, now);
            }
            if (workerLimitNanos > 0 && now - lastWorkerCheck >= workerEveryNanos) {
                lastWorkerCheck = now;
                checkWorkers(now);
            }
        }
    }

    private void checkLoop(LoopProbe p, long now) {
        if (!p.beatPending) {
            Thread t = p.thread;
            p.beatCpuNanos = t == null ? -1 : StallClassifier.cpuNanos(t);
            p.beatGcMillis = StallClassifier.gcPauseMillis();
            p.beatPending = true;
            p.beatPostedNanos = now;
            try {
                loops.get(p).execute(() -> beat(p));
            } catch (RuntimeException rejected) {
                p.beatPending = false; // loop shutting down
            }
            return;
        }
        if (now - p.beatPostedNanos < thresholdNanos || p.thread == null) return;
        if (p.stallStack == null) {
            long entered = p.enteredNanos;
            p.stallStartNanos = entered != 0 && entered < p.beatPostedNanos ? entered : p.beatPostedNanos;
            String route = p.route;
            Thread.State state = p.thread.getState();
            StackTraceElement[] stack = p.thread.getStackTrace();
            p.waitingSamples = StallClassifier.waiting(state) ? 1 : 0;
            p.runnableSamples = StallClassifier.waiting(state) ? 0 : 1;
            p.stallRoute = route;
            p.stallStack = stack;
        } else {
            String route = p.route;
            if (route != null && !route.equals(p.stallRoute)) {
                // The stall ran on into a route's code (e.g. start-up work, then a handler): that code is the
                // likelier culprit for what follows; look at it instead.
                p.stallStack = p.thread.getStackTrace();
                p.stallRoute = route;
            }
            if (StallClassifier.waiting(p.thread.getState())) p.waitingSamples++; // one more look every tick
            else p.runnableSamples++;
        }
    }

    // Runs on the loop: the stall (if any) is over.
    private void beat(LoopProbe p) {
        long now = System.nanoTime();
        long lag = now - p.beatPostedNanos;
        StackTraceElement[] stack = p.stallStack;
        if (stack == null) {
            p.beatPending = false;
            for (Observer o : observers) o.loopLag(p.name, lag);
            return;
        }
        long cpuStart = p.beatCpuNanos;
        long cpuNow = cpuStart < 0 ? -1 : StallClassifier.cpuNanos(Thread.currentThread());
        long gc = StallClassifier.gcPauseMillis() - p.beatGcMillis;
        Stall.Cause cause = StallClassifier.classify(lag, cpuStart < 0 ? -1 : cpuNow - cpuStart, gc,
                p.waitingSamples, p.runnableSamples, stack);
        // Blame the route only for the code's own stalls, and only when its code was on the stack.
        String route = p.stallRoute != null && (cause == Stall.Cause.BLOCKED || cause == Stall.Cause.BUSY)
                && StallClassifier.routeCodeToBlame(stack) ? p.stallRoute : null;
        long duration = now - p.stallStartNanos;
        Stall stall = new Stall(Stall.Kind.LOOP, cause, p.name, route, StallClassifier.call(stack), Duration.ofNanos(duration),
                Instant.now().minusNanos(duration), List.of(stack));
        p.stallStack = null;
        p.stallRoute = null;
        p.beatPending = false;
        for (Observer o : observers) o.loopLag(p.name, lag);
        // Listeners may log with stack formatting: keep that off the loop.
        Thread.ofPlatform().daemon().name("brisk-watchdog-report").start(() -> report(stall));
    }

    private void checkWorkers(long now) {
        for (WorkerTicket t : workers.keySet()) {
            if (!t.reported && now - t.startNanos >= workerLimitNanos) {
                t.reported = true;
                long d = now - t.startNanos;
                Thread.State state = t.thread.getState();
                StackTraceElement[] stack = t.thread.getStackTrace();
                Stall.Cause cause = StallClassifier.waiting(state) ? Stall.Cause.BLOCKED : Stall.Cause.BUSY;
                report(new Stall(Stall.Kind.WORKER, cause, t.thread.getName().isEmpty() ? t.thread.toString() : t.thread.getName(),
                        t.route, StallClassifier.call(stack), Duration.ofNanos(d), Instant.now().minusNanos(d), List.of(stack)));
            }
        }
    }

    private void report(Stall stall) {
        stallCount.incrementAndGet();
        seen.add(stall);
        if (seen.size() > 1000) seen.remove(0);
        for (StallListener l : listeners) {
            try {
                l.onStall(stall);
            } catch (RuntimeException e) {
                log.warn("stall listener failed", e);
            }
        }
        for (Observer o : observers) {
            try {
                o.stall(stall);
            } catch (RuntimeException e) {
                log.warn("observer failed on a stall", e);
            }
        }
    }

    /**
     * The default listener. A stall a route caused (blocked or busy in its code): one WARN line naming
     * the route, then the stack captured during the stall. Any other (a GC pause, an overloaded machine,
     * Brisk's or Netty's own work): one INFO line at most once a minute, without blaming a route; all are
     * counted by metrics observers.
     */
    public static void logStall(Stall stall) {
        if (stall.route() != null && stall.codeCaused()) {
            String hint = stall.kind() == Stall.Kind.LOOP
                    ? " — every request on this loop waited; move blocking work to a worker route or Request.offload"
                    : "";
            log.warn("{}{}; stack during the stall:\n{}", stall.summary(), hint, stall.stackText());
            return;
        }
        long now = System.nanoTime();
        long last = lastInfoNanos.get();
        if ((last == 0 || now - last >= Duration.ofMinutes(1).toNanos()) && lastInfoNanos.compareAndSet(last, now)) {
            log.info("{} (further stalls not caused by a route are counted, not logged, for a minute)", stall.summary());
        }
        if (log.isDebugEnabled()) log.debug("{}; stack during the stall:\n{}", stall.summary(), stall.stackText());
    }

    private static final AtomicLong lastInfoNanos = new AtomicLong();

    /** A description of the code's own stalls, for strict mode's failure. */
    public String describeStalls() {
        List<String> lines = new ArrayList<>();
        for (Stall s : codeStalls()) lines.add(s.summary());
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
