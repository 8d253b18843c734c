package dev.brisk.internal.dispatch;

import dev.brisk.BackgroundTasks;
import dev.brisk.deps.Dependencies;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What runs once a request is over: dependency cleanup and background tasks.
 *
 * <p>Threading: {@link #run} is called wherever the request ended; it queues its work on the
 * connection's loop, behind the task that writes the response, so nothing starts before the response
 * has been handed to the socket. Cleanup then runs on its own virtual thread (never waiting for a pool
 * worker: fastapi#3205); blocking background tasks run on the worker lane one after another, async
 * ones are started on the loop.
 */
final class AfterResponse {
    private static final Logger log = LoggerFactory.getLogger("brisk.background");

    private final Executor workers;

    AfterResponse(Executor workers) {
        this.workers = workers;
    }

    void run(RequestImpl req, LoopContext loop) {
        Map<String, Object> attrs = req.attributesIfPresent();
        if (attrs == null || attrs.isEmpty()) return; // the common case: nothing to do, no hop
        BackgroundTasks tasks = BackgroundTasks.peek(req);
        try {
            loop.execute(() -> {
                Dependencies.runCleanup(req, req.failure());
                if (tasks != null) runTasks(req, tasks, loop);
            });
        } catch (RejectedExecutionException loopClosed) {
            // The server is shutting down: cleanup must still run; background tasks are dropped, loudly.
            Dependencies.runCleanup(req, req.failure());
            if (tasks != null && !tasks.tasks().isEmpty()) {
                log.warn("{} background task(s) of {} {} dropped: the server is stopping", tasks.tasks().size(),
                        req.method(), req.path());
            }
        }
    }

    private void runTasks(RequestImpl req, BackgroundTasks tasks, LoopContext loop) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (BackgroundTasks.Task task : tasks.tasks()) {
            chain = chain.thenCompose(v -> start(task, loop).exceptionally(e -> {
                log.error("background task failed after {} {}", req.method(), req.path(), Outcomes.unwrap(e));
                return null;
            }));
        }
    }

    private CompletionStage<Void> start(BackgroundTasks.Task task, LoopContext loop) {
        if (task.blocking() != null) {
            try {
                return CompletableFuture.runAsync(task.blocking(), workers);
            } catch (RejectedExecutionException full) {
                // A bounded pool refused it: a background task must not be lost, so it gets its own thread.
                return CompletableFuture.runAsync(task.blocking(), r -> Thread.ofVirtual().name("brisk-background").start(r));
            }
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                task.async().get().whenComplete((v, e) -> {
                    if (e != null) done.completeExceptionally(e);
                    else done.complete(null);
                });
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }
}
