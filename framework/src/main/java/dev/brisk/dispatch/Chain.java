package dev.brisk.dispatch;

import dev.brisk.Response;
import dev.brisk.middleware.Middleware;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The middleware chain around one request. The last middleware added is the outermost (Starlette's
 * order). Every stage handed to a middleware completes on the request's loop and never fails: errors
 * are turned into responses by the exception handlers on the way out, so a middleware that adds a
 * header also adds it to error answers.
 */
final class Chain {
    private final List<Middleware> middleware;
    private final Outcomes outcomes;

    Chain(List<Middleware> middleware, Outcomes outcomes) {
        this.middleware = List.copyOf(middleware);
        this.outcomes = outcomes;
    }

    /** Runs the chain on the loop; {@code endpoint} is the route (or the router's 404/405). */
    CompletionStage<Response> run(RequestImpl req, LoopContext loop, Supplier<CompletionStage<Response>> endpoint) {
        assert loop.inLoop() : "the chain starts on the request's loop";
        return call(middleware.size() - 1, req, loop, endpoint);
    }

    private CompletionStage<Response> call(int i, RequestImpl req, LoopContext loop,
                                           Supplier<CompletionStage<Response>> endpoint) {
        CompletionStage<Response> stage;
        try {
            stage = i < 0 ? endpoint.get() : middleware.get(i).handle(req, () -> call(i - 1, req, loop, endpoint));
            if (stage == null) stage = CompletableFuture.failedFuture(new NullPointerException(
                    "middleware " + middleware.get(i).getClass().getName() + " returned a null stage"));
        } catch (Throwable t) {
            stage = CompletableFuture.failedFuture(t);
        }
        CompletableFuture<Response> out = new CompletableFuture<>();
        stage.whenComplete((r, e) -> {
            Response res = e != null ? outcomes.failure(e, req.route(), req)
                    : r != null ? r : outcomes.failure(new NullPointerException("middleware answered null"), req.route(), req);
            if (loop.inLoop()) out.complete(res);
            else loop.execute(() -> out.complete(res));
        });
        return out;
    }
}
