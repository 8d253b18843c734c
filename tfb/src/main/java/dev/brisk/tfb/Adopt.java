package dev.brisk.tfb;

import dev.brisk.Loop;
import dev.brisk.Request;
import dev.brisk.dispatch.LoopContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Stand-in for {@code Request#adopt(CompletionStage)} (planned framework API, not on main yet): a stage
 * completed by a third-party client's thread (here Vert.x's event loop) continues on the request's own
 * Brisk event loop, marked with the route so the watchdog can name a continuation that blocks. When
 * {@code Request#adopt} lands, replace {@code Adopt.adopt(req, s)} with {@code req.adopt(s)} and delete
 * this class.
 */
final class Adopt {
    private Adopt() {
    }

    static <T> CompletionStage<T> adopt(Request req, CompletionStage<T> stage) {
        Loop loop = req.loop();
        String route = loop instanceof LoopContext lc ? lc.probe().currentRoute() : null;
        CompletableFuture<T> onLoop = new CompletableFuture<>();
        stage.whenComplete((value, error) -> loop.execute(() -> {
            Runnable complete = () -> {
                if (error == null) onLoop.complete(value);
                else onLoop.completeExceptionally(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            };
            if (loop instanceof LoopContext lc) lc.probe().runAs(route, complete);
            else complete.run();
        }));
        return onLoop;
    }
}
