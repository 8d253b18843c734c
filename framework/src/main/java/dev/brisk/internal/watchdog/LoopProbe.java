package dev.brisk.internal.watchdog;

/**
 * What the watchdog knows about one event loop: which route's code it is running (set by the
 * dispatcher around every handler call and every resumption it schedules) and a heartbeat. Written by
 * the loop thread, read by the watchdog thread, hence volatile; no locks on the hot path.
 */
public final class LoopProbe {
    final String name;
    volatile Thread thread;
    volatile String route;
    volatile long enteredNanos;
    // heartbeat: the watchdog posts a task; while it has not run, the loop is busy or stalled
    volatile long beatPostedNanos;
    volatile boolean beatPending;
    // evidence for classifying a stall, taken when the heartbeat is posted (watchdog thread only)
    long beatCpuNanos;
    long beatGcMillis;
    // stall in progress (watchdog thread only)
    long stallStartNanos;
    String stallRoute;
    volatile StackTraceElement[] stallStack;
    volatile int waitingSamples;
    volatile int runnableSamples;

    public LoopProbe(String name) {
        this.name = name;
    }

    /** The route whose code the loop is running now, or {@code null} (read on the loop thread). */
    public String currentRoute() {
        return route;
    }

    public String name() {
        return name;
    }

    /** Called on the loop thread before running a route's code; returns the clock it read (observers reuse it). */
    public long enter(String routeLabel) {
        route = routeLabel;
        long now = System.nanoTime();
        enteredNanos = now;
        return now;
    }

    /**
     * Runs {@code task} on the loop thread marked as {@code routeLabel}'s code (a resumption: an offload's
     * completion, a timer, an HTTP client answer), then puts back whatever mark was there before.
     */
    public void runAs(String routeLabel, Runnable task) {
        if (routeLabel == null) {
            task.run();
            return;
        }
        String previousRoute = route;
        long previousEntered = enteredNanos;
        enter(routeLabel);
        try {
            task.run();
        } finally {
            route = previousRoute;
            enteredNanos = previousEntered;
        }
    }

    /** Called on the loop thread after the route's code returns. */
    public void exit() {
        enteredNanos = 0L;
        route = null;
    }

    /** Called once, on the loop thread itself. */
    public void bind(Thread loopThread) {
        this.thread = loopThread;
    }
}
