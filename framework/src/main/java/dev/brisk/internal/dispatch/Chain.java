package dev.brisk.internal.dispatch;

import dev.brisk.Response;
import dev.brisk.middleware.Middleware;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The middleware chain around one request. The last middleware added is the outermost (Starlette's
 * order). Every stage handed to a middleware completes on the request's loop and never fails: errors
 * are turned into responses by the exception handlers on the way out, so a middleware that adds a
 * header also adds it to error answers.
 */
final class Chain {
    private final List<Middleware> middleware;
    private final List<String> labels;
    private final Outcomes outcomes;

    Chain(List<Middleware> middleware, Outcomes outcomes) {
        this.middleware = List.copyOf(middleware);
        this.labels = middleware.stream().map(m -> "middleware " + m.getClass().getName()).toList();
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
        if (i < 0) {
            stage = endpoint.get();
        } else {
            Middleware mw = middleware.get(i);
            AtomicBoolean called = new AtomicBoolean();
            Middleware.Next next = () -> called.compareAndSet(false, true) ? call(i - 1, req, loop, endpoint)
                    : CompletableFuture.failedFuture(new IllegalStateException(
                            "middleware " + mw.getClass().getName() + " called next more than once"));
            // Labelled for the watchdog, so a middleware that blocks the loop is named in the stall report.
            loop.probe().enter(labels.get(i));
            try {
                stage = mw.handle(req, next);
                if (stage == null) stage = CompletableFuture.failedFuture(new NullPointerException(
                        "middleware " + mw.getClass().getName() + " returned a null stage"));
            } catch (Throwable t) {
                stage = CompletableFuture.failedFuture(t);
            } finally {
                loop.probe().exit();
            }
        }
        CompletableFuture<Response> out = new CompletableFuture<>();
        stage.whenComplete((r, e) -> {
            Response res = e != null ? outcomes.failure(e, req.route(), req)
                    : r != null ? outcomes.encoded(r) : outcomes.failure(new NullPointerException("middleware answered null"), req.route(), req);
            if (loop.inLoop()) out.complete(res);
            else loop.execute(() -> out.complete(res));
        });
        return out;
    }
}
