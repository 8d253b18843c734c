package dev.brisk.internal.dispatch;

import dev.brisk.Loop;
import dev.brisk.observe.Observation;
import dev.brisk.observe.Observed;
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

    <T> CompletionStage<T> offload(LoopContext loop, String route, Callable<T> work0, Duration timeout, boolean cpuBound) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Observed observed = Observed.current(); // obs hook: the request's context follows the work and its resumption
        Callable<T> work = observed == null ? work0 : observed.offload(work0, cpuBound);
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
            resume(loop, route, observed, () -> {
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
        Observed observed = Observed.current();
        loop.schedule(() -> complete(loop, route, observed, () -> result.complete(null)), duration);
        return result;
    }

    static void resume(LoopContext loop, String route, Runnable completion) {
        resume(loop, route, Observed.current(), completion);
    }

    static void resume(LoopContext loop, String route, Observed observed, Runnable completion) {
        loop.execute(() -> complete(loop, route, observed, completion));
    }

    private static void complete(LoopContext loop, String route, Observed observed, Runnable completion) {
        if (observed == null) {
            loop.probe().runAs(route, completion);
            return;
        }
        try (Observation.Scope ignored = observed.enter(true)) {
            loop.probe().runAs(route, completion);
        }
    }
}
