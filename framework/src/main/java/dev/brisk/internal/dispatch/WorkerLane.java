package dev.brisk.internal.dispatch;

import dev.brisk.WorkerMode;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker lane's threads: a virtual thread per task, or a fixed platform pool whose queue may be
 * bounded (FastAPI parity: 40 threads, unbounded). Also runs {@code Request.offload} work, like
 * AnyIO's shared token pool, and owns the CPU pool for {@code offloadCpu}.
 */
final class WorkerLane implements AutoCloseable {
    private final WorkerMode mode;
    private final ExecutorService executor;
    private final ThreadPoolExecutor pool; // null in virtual mode
    private final ExecutorService cpu;

    WorkerLane(WorkerMode mode) {
        this.mode = mode;
        if (mode instanceof WorkerMode.Pool p) {
            BlockingQueue<Runnable> queue = p.unbounded() ? new LinkedBlockingQueue<>()
                    : p.queue() == 0 ? new java.util.concurrent.SynchronousQueue<>() : new ArrayBlockingQueue<>(p.queue());
            this.pool = new ThreadPoolExecutor(p.threads(), p.threads(), 60, TimeUnit.SECONDS, queue,
                    named("brisk-worker-", false), new ThreadPoolExecutor.AbortPolicy());
            this.executor = pool;
        } else {
            this.pool = null;
            this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("brisk-vworker-", 1).factory());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        this.cpu = Executors.newFixedThreadPool(cores, named("brisk-cpu-", true));
    }

    /** Runs {@code task}; returns false if a bounded queue is full. */
    boolean submit(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    ExecutorService executor() {
        return executor;
    }

    ExecutorService cpu() {
        return cpu;
    }

    WorkerMode mode() {
        return mode;
    }

    /** Tasks waiting for a pool thread (0 in virtual mode). */
    int queued() {
        return pool == null ? 0 : pool.getQueue().size();
    }

    /** Pool threads busy (virtual mode: unknown, -1). */
    int active() {
        return pool == null ? -1 : pool.getActiveCount();
    }

    private static ThreadFactory named(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }

    void shutdown() {
        executor.shutdown();
        cpu.shutdown();
    }

    boolean awaitTermination(long millis) throws InterruptedException {
        return executor.awaitTermination(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        cpu.shutdownNow();
    }
}
