package dev.brisk.internal.dispatch;

import dev.brisk.Loop;
import dev.brisk.internal.watchdog.LoopProbe;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/** A {@link Loop} plus the watchdog probe the dispatcher marks around route code. Internal API. */
public interface LoopContext extends Loop {
    LoopProbe probe();

    @Override
    default <T> CompletionStage<T> adopt(CompletionStage<T> stage) {
        // The mark is read now, on the caller's thread: on the loop that is the route being served.
        String route = inLoop() ? probe().currentRoute() : null;
        // The request's observation (trace context, request id in the MDC) follows the continuation too.
        dev.brisk.observe.Observed observed = dev.brisk.observe.Observed.current();
        CompletableFuture<T> onLoop = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            Runnable completion = () -> {
                try (dev.brisk.observe.Observation.Scope ignored = observed == null
                        ? dev.brisk.observe.Observation.Scope.NONE : observed.enter(true)) {
                    probe().runAs(route, () -> {
                        if (error == null) onLoop.complete(value);
                        else onLoop.completeExceptionally(error instanceof CompletionException && error.getCause() != null
                                ? error.getCause() : error);
                    });
                }
            };
            // Already on this loop (a stage completed by loop code): complete in place, no extra hop.
            if (inLoop()) completion.run();
            else execute(completion);
        });
        onLoop.whenComplete((v, e) -> {
            if (onLoop.isCancelled()) stage.toCompletableFuture().cancel(true);
        });
        return onLoop;
    }
}
