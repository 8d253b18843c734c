package dev.brisk.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
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
    private volatile boolean running = true;

    public Watchdog(Duration threshold, Duration workerLimit, boolean strict, List<StallListener> listeners) {
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

    /** Every stall seen so far (strict mode and tests read this). */
    public List<Stall> stalls() {
        return List.copyOf(seen);
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
            p.beatPending = true;
            p.beatPostedNanos = now;
            try {
                loops.get(p).execute(() -> beat(p));
            } catch (RuntimeException rejected) {
                p.beatPending = false; // loop shutting down
            }
            return;
        }
        if (p.stallStack == null && now - p.beatPostedNanos >= thresholdNanos && p.thread != null) {
            long entered = p.enteredNanos;
            p.stallStartNanos = entered != 0 && entered < p.beatPostedNanos ? entered : p.beatPostedNanos;
            String route = p.route;
            StackTraceElement[] stack = p.thread.getStackTrace();
            // A loop parked in the kernel's I/O wait is not blocked by code: the heartbeat is late because
            // the OS has not scheduled the thread yet (an overloaded machine). Not a stall; look again next tick.
            if (route == null && waitingForIo(stack)) return;
            p.stallRoute = route;
            p.stallStack = stack;
        }
    }

    private static boolean waitingForIo(StackTraceElement[] stack) {
        if (stack.length == 0) return false;
        StackTraceElement top = stack[0];
        String m = top.getMethodName();
        return top.isNativeMethod() && (m.startsWith("ioUringEnter") || m.startsWith("epollWait")
                || m.startsWith("epollBusyWait") || m.startsWith("poll") || m.startsWith("wait") || m.startsWith("select"));
    }

    // Runs on the loop: the stall (if any) is over.
    private void beat(LoopProbe p) {
        long now = System.nanoTime();
        p.beatPending = false;
        StackTraceElement[] stack = p.stallStack;
        if (stack == null) return;
        long duration = now - p.stallStartNanos;
        Stall stall = new Stall(Stall.Kind.LOOP, p.name, p.stallRoute, Duration.ofNanos(duration),
                Instant.now().minusNanos(duration), List.of(stack));
        p.stallStack = null;
        p.stallRoute = null;
        // Listeners may log with stack formatting: keep that off the loop.
        Thread.ofPlatform().daemon().name("brisk-watchdog-report").start(() -> report(stall));
    }

    private void checkWorkers(long now) {
        for (WorkerTicket t : workers.keySet()) {
            if (!t.reported && now - t.startNanos >= workerLimitNanos) {
                t.reported = true;
                long d = now - t.startNanos;
                report(new Stall(Stall.Kind.WORKER, t.thread.getName().isEmpty() ? t.thread.toString() : t.thread.getName(),
                        t.route, Duration.ofNanos(d), Instant.now().minusNanos(d), List.of(t.thread.getStackTrace())));
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
    }

    /** The default listener: one WARN line naming the route, then the stack captured during the stall. */
    public static void logStall(Stall stall) {
        String hint = stall.kind() == Stall.Kind.LOOP
                ? " — every request on this loop waited; move blocking work to a worker route or Request.offload"
                : "";
        log.warn("{}{}; stack during the stall:\n{}", stall.summary(), hint, stall.stackText());
    }

    /** A description of every stall, for strict mode's failure. */
    public String describeStalls() {
        List<String> lines = new ArrayList<>();
        for (Stall s : seen) lines.add(s.summary());
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
