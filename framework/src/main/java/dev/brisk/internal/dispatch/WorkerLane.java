package dev.brisk.internal.dispatch;

import dev.brisk.WorkerMode;
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
    // Requests admitted to a bounded pool and not yet finished (running + waiting). A bounded
    // ThreadPoolExecutor queue cannot be the limit: an idle thread is parked on take(), so between an
    // offer and that take the queue looks full and a second request is refused although a thread is
    // free (OverloadTest saw 1 of 2 admitted). Counting makes "threads + queue" exact.
    private final AtomicInteger admitted = new AtomicInteger();
    private final int capacity; // threads + queue; Integer.MAX_VALUE when nothing is bounded

    WorkerLane(WorkerMode mode) {
        this.mode = mode;
        if (mode instanceof WorkerMode.Pool p) {
            // Offloads and streamed-body pulls of admitted requests share this queue and are never refused.
            this.pool = new ThreadPoolExecutor(p.threads(), p.threads(), 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    named("brisk-worker-", false), new ThreadPoolExecutor.AbortPolicy());
            this.executor = pool;
            this.capacity = p.unbounded() ? Integer.MAX_VALUE : p.threads() + p.queue();
        } else {
            this.pool = null;
            this.capacity = Integer.MAX_VALUE;
            this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("brisk-vworker-", 1).factory());
        }
        int cores = Runtime.getRuntime().availableProcessors();
        this.cpu = Executors.newFixedThreadPool(cores, named("brisk-cpu-", true));
    }

    /** Runs {@code task}; returns false if a bounded pool already holds threads + queue requests (or is shut down). */
    boolean submit(Runnable task) {
        if (capacity == Integer.MAX_VALUE) return execute(task);
        if (admitted.incrementAndGet() > capacity) {
            admitted.decrementAndGet();
            return false;
        }
        boolean ran = execute(() -> {
            try {
                task.run();
            } finally {
                admitted.decrementAndGet();
            }
        });
        if (!ran) admitted.decrementAndGet();
        return ran;
    }

    private boolean execute(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException shutDown) {
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
