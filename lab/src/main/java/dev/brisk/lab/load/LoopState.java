package dev.brisk.lab.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * One event loop of a run: its connections, counters and periodic sweep (timeouts, giving up).
 *
 * <p>Threading: every method runs on {@link #executor}, except the constructor and
 * {@link #releaseRequests()}, which the run's thread calls before the loop starts and after it
 * has terminated.
 */
final class LoopState implements Runnable {
    /** With no connection open for this long, the loop stops trying: the server is gone. */
    static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(1);

    final LoadRun run;
    final EventLoop executor;
    final LoopStats stats = new LoopStats();
    /** Pre-encoded requests, per endpoint, owned by this loop (no refcount sharing across cores). */
    final ByteBuf[][] requests;
    final List<Connection> connections = new ArrayList<>();

    boolean started;
    int inFlight;
    String lastConnectError;
    private int open;
    private long downSinceNanos;
    private boolean finished;
    private boolean gaveUp;
    private ScheduledFuture<?> sweeper;

    LoopState(LoadRun run, EventLoop executor, ByteBuf[][] requests) {
        this.run = run;
        this.executor = executor;
        this.requests = requests;
        this.downSinceNanos = System.nanoTime();
    }

    void connectAll() {
        for (Connection c : connections) {
            c.connect();
        }
    }

    void start() {
        started = true;
        downSinceNanos = System.nanoTime();
        for (Connection c : connections) {
            c.start();
        }
        long period = Math.clamp(run.timeoutNanos / 10, TimeUnit.MILLISECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(100));
        sweeper = executor.scheduleAtFixedRate(this, period, period, TimeUnit.NANOSECONDS);
        checkFinished();
    }

    /** The sweep: request timeouts, and giving up when no connection has been open for a while. */
    @Override
    public void run() {
        long now = System.nanoTime();
        for (Connection c : connections) {
            c.checkTimeout(now);
        }
        if (!finished && !gaveUp && open == 0 && now - downSinceNanos > GIVE_UP_NANOS) {
            gaveUp = true;
            run.fail("no connection to the server for " + TimeUnit.NANOSECONDS.toMillis(GIVE_UP_NANOS)
                    + " ms, giving up" + (lastConnectError == null ? "" : " (" + lastConnectError + ")"));
            for (Connection c : connections) {
                c.kill();
            }
        }
        checkFinished();
    }

    void opened() {
        open++;
    }

    void closed() {
        if (--open == 0) {
            downSinceNanos = System.nanoTime();
        }
    }

    /** Tells the run once that this loop will send nothing more and has nothing in flight. */
    void checkFinished() {
        if (!finished && started && inFlight == 0
                && (run.stopped || gaveUp || (run.countBound && run.quotaSpent())
                    || System.nanoTime() - run.deadlineNanos >= 0)) {
            finished = true;
            run.loopFinished();
        }
    }

    void markMeasuring() {
        stats.bytesReadBeforeMeasuring = stats.bytesRead;
    }

    void closeAll() {
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        for (Connection c : connections) {
            c.close();
        }
    }

    void releaseRequests() {
        for (ByteBuf[] perEndpoint : requests) {
            for (ByteBuf b : perEndpoint) {
                b.release();
            }
        }
    }
}
