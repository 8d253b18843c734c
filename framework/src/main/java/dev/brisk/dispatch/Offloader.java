package dev.brisk.dispatch;

import dev.brisk.Loop;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Runs work off the loop and resumes on it. Every stage returned here is completed <b>by a task on
 * the originating loop</b>, so non-async continuations ({@code thenApply}, {@code thenCompose}) run
 * loop-confined; the completion is also marked on the watchdog probe with the route, so a
 * continuation that blocks is still blamed on the right route.
 */
final class Offloader {
    private final Executor workers;
    private final Executor cpu;

    Offloader(Executor workers, Executor cpu) {
        this.workers = workers;
        this.cpu = cpu;
    }

    <T> CompletionStage<T> offload(LoopContext loop, String route, Callable<T> work, Duration timeout, boolean cpuBound) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Loop.Cancellable timer = timeout == null || timeout.isZero() ? null
                : loop.schedule(() -> result.completeExceptionally(
                        new TimeoutException("offloaded work exceeded " + timeout.toMillis() + " ms")), timeout);
        Runnable task = () -> {
            T value = null;
            Throwable failure = null;
            try {
                value = work.call();
            } catch (Throwable t) {
                failure = t;
            }
            T v = value;
            Throwable f = failure;
            resume(loop, route, () -> {
                if (timer != null) timer.cancel();
                if (f == null) result.complete(v);
                else result.completeExceptionally(f);
            });
        };
        try {
            (cpuBound ? cpu : workers).execute(task);
        } catch (RejectedExecutionException e) {
            if (timer != null) timer.cancel();
            result.completeExceptionally(e);
        }
        return result;
    }

    CompletionStage<Void> sleep(LoopContext loop, String route, Duration duration) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.schedule(() -> complete(loop, route, () -> result.complete(null)), duration);
        return result;
    }

    static void resume(LoopContext loop, String route, Runnable completion) {
        loop.execute(() -> complete(loop, route, completion));
    }

    private static void complete(LoopContext loop, String route, Runnable completion) {
        loop.probe().runAs(route, completion);
    }
}
