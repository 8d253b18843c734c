package dev.brisk.internal.dispatch;

import dev.brisk.Handler;
import dev.brisk.Loop;
import dev.brisk.Response;
import dev.brisk.routing.Route;
import dev.brisk.deps.Dependencies;
import dev.brisk.deps.Provider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;

/**
 * One route compiled at start: how it runs (the lane strategy its {@link Handler} kind calls for), its
 * time limit and whether it takes an in-flight slot. Immutable; nothing per request decides how to
 * run a request, it only runs what was compiled here.
 */
sealed abstract class Invoker permits LoopInvoker, WorkerInvoker {
    final Route route;
    final String label;
    final Duration limit; // null: no time limit
    final boolean limited;
    final Lanes lanes;

    Invoker(Route route, Lanes lanes) {
        this.route = route;
        this.label = route.label();
        Duration l = route.timeout() != null ? route.timeout() : lanes.defaultTimeout();
        this.limit = l == null || l.isZero() || l.isNegative() ? null : l;
        this.limited = route.inFlightLimited();
        this.lanes = lanes;
    }

    static Invoker compile(Route route, Lanes lanes) {
        return switch (withDependencies(route.handler(), route.dependencies())) {
            case Handler.OnWorker w -> new WorkerInvoker(route, lanes, w.handler());
            case Handler.OnLoop l -> new LoopInvoker(route, lanes, null, l.handler());
            case Handler.LoopSafe s -> new LoopInvoker(route, lanes, s.handler(), null);
        };
    }

    /**
     * A route's own dependencies (from it or its routers) run before its handler, in order, in the
     * handler's lane: on the worker thread for a worker handler; on the worker lane, resuming on the
     * loop, for a loop handler (a provider may block). A loop-safe handler with dependencies becomes a
     * loop handler for that reason.
     */
    private static Handler withDependencies(Handler h, List<Provider<?>> deps) {
        if (deps.isEmpty()) return h;
        return switch (h) {
            case Handler.OnWorker w -> Handler.worker(req -> {
                for (Provider<?> p : deps) Dependencies.resolve(req, p);
                return w.handler().handle(req);
            });
            case Handler.OnLoop l -> Handler.loop(req -> resolveAll(req, deps).thenCompose(v -> call(() -> l.handler().handle(req))));
            case Handler.LoopSafe s -> Handler.loop(req -> resolveAll(req, deps)
                    .thenCompose(v -> call(() -> java.util.concurrent.CompletableFuture.completedFuture(s.handler().handle(req)))));
        };
    }

    private static CompletionStage<?> call(java.util.concurrent.Callable<CompletionStage<?>> body) {
        try {
            return body.call();
        } catch (Exception e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    private static CompletionStage<Object> resolveAll(dev.brisk.Request req, List<Provider<?>> deps) {
        CompletionStage<Object> stage = java.util.concurrent.CompletableFuture.completedFuture(null);
        for (Provider<?> p : deps) {
            @SuppressWarnings("unchecked") Provider<Object> any = (Provider<Object>) p;
            stage = stage.thenCompose(v -> Dependencies.resolveAsync(req, any));
        }
        return stage;
    }

    /** Runs the route for an admitted request; answers through {@code flight} exactly as compiled. */
    abstract void invoke(Exchange ex, RequestImpl req, Flight flight);

    /** Arms the time limit: past it the client gets 504 and {@code onTimeout} cancels the work. */
    final Loop.Cancellable armTimeout(Exchange ex, RequestImpl req, Flight flight, Runnable onTimeout) {
        if (limit == null) return null;
        return ex.loop().schedule(() -> {
            if (flight.answered()) return;
            req.failed(new TimeoutException(label + " exceeded " + limit.toMillis() + " ms"));
            flight.answer(lanes.timedOut());
            onTimeout.run();
        }, limit);
    }

    final Response success(Object value) {
        return lanes.outcomes().success(value, route);
    }

    final Response failure(Throwable t, RequestImpl req) {
        return lanes.outcomes().failure(t, route, req);
    }

    static CancellationException disconnected() {
        return new CancellationException("client disconnected");
    }

    static void cancel(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(false);
        } catch (UnsupportedOperationException notCancellable) {
            // a stage type that cannot be cancelled: nothing to do
        }
    }
}
