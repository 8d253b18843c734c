package dev.brisk.middleware;

import dev.brisk.Request;
import dev.brisk.Response;
import java.util.concurrent.CompletionStage;

/**
 * Code around every request, like Starlette's middleware: it may act before the handler, after it
 * (on the response), or answer by itself without calling {@code next} (short-circuit). It sees every
 * request, including those answered 404/405 by the router.
 *
 * <pre>{@code
 * app.addMiddleware((req, next) -> {
 *     long start = System.nanoTime();
 *     return next.call().thenApply(res ->
 *             res.withHeader("x-process-time", Long.toString((System.nanoTime() - start) / 1000)));
 * });
 * app.addMiddleware((req, next) -> req.header("x-api-key") == null
 *         ? CompletableFuture.completedFuture(Response.text("forbidden").withStatus(403))
 *         : next.call());
 * }</pre>
 *
 * <p><b>Order.</b> As in Starlette, the middleware added last is the outermost: it runs first on the
 * way in and last on the way out.
 *
 * <p><b>Threading.</b> Middleware runs on the request's event loop, before the route's lane is
 * entered, and the stage from {@code next.call()} completes on that loop too, whichever lane ran the
 * handler. So middleware must not block (use {@link Request#offload} for blocking work), and a loop
 * route stays on the loop end to end. A time-out (504) or a 503 from the in-flight limit is answered
 * directly, without middleware.
 */
@FunctionalInterface
public interface Middleware {

    /** Handles {@code request}, calling {@code next} zero or one time. */
    CompletionStage<Response> handle(Request request, Next next);

    /** The rest of the chain: inner middleware, then the route (or the router's 404/405). */
    @FunctionalInterface
    interface Next {
        /** Runs the rest of the chain; the stage completes on the request's event loop. Errors arrive as responses. */
        CompletionStage<Response> call();
    }
}
