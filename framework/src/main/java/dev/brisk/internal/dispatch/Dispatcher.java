package dev.brisk.internal.dispatch;

import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.Response;
import dev.brisk.Status;
import dev.brisk.routing.Route;
import dev.brisk.internal.routing.Router;
import dev.brisk.internal.watchdog.Watchdog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The request path: route → admit → invoke. Every route is compiled once, here, into an
 * {@link Invoker} (its lane strategy, time limit and admission); the app's middleware chain, if any,
 * wraps the whole of it, so every answer — the router's 404/405/307, the server's 413, the in-flight
 * 503, the time limit's 504, a handler's 500 — passes through the same middleware.
 *
 * <p><b>Threading.</b> {@link #handle} is called on the connection's event loop. Loop-lane handlers run
 * right there; worker-lane handlers on the worker lane, their result encoded there. Without middleware
 * the answer goes straight to {@link Exchange#respond} from whichever thread produced it (the fast
 * path: no hop, no allocation beyond the request and its {@link Flight}); with middleware it hops back
 * to the loop, where the chain runs. After-response work starts once the answer is delivered and the
 * handler's work has ended (see {@link Flight}).
 */
public final class Dispatcher implements AutoCloseable {
    /** What middleware sees when the request ended without an answer (client gone). */
    private static final Response ABANDONED = Response.status(499);

    private final Router router;
    private final Invoker[] invokers; // by the router's route index
    private final WorkerLane workers;
    private final Admission admission;
    private final Offloader offloader;
    private final Outcomes outcomes;
    private final Pipeline pipeline;
    private final Chain chain; // null without middleware: the fast path
    private final AfterResponse after;
    private final Lanes lanes;
    private final dev.brisk.observe.Observer[] observers; // null when none: no observation work at all

    public Dispatcher(Router router, BriskConfig config, Watchdog watchdog) {
        this(router, config, watchdog, Pipeline.empty());
    }

    public Dispatcher(Router router, BriskConfig config, Watchdog watchdog, Pipeline pipeline) {
        this.router = router;
        this.pipeline = pipeline;
        this.workers = new WorkerLane(config.worker());
        this.admission = new Admission(config.inFlightLimit());
        this.offloader = new Offloader(workers.executor(), workers.cpu());
        this.outcomes = new Outcomes(pipeline.json(), pipeline.handlers());
        this.after = new AfterResponse(workers.executor());
        this.chain = pipeline.middleware().isEmpty() ? null : new Chain(pipeline.middleware(), outcomes);
        Response retryLater = outcomes.detail(503, Status.reason(503))
                .withHeader("retry-after", Integer.toString(config.retryAfterSeconds()));
        this.lanes = new Lanes(outcomes, workers, admission, watchdog, config.requestTimeout(),
                config.interruptOnDisconnect(), retryLater, outcomes.detail(504, "Request time limit exceeded"));
        this.observers = config.observers().isEmpty() ? null : config.observers().toArray(dev.brisk.observe.Observer[]::new);
        List<Route> routes = router.routes();
        this.invokers = new Invoker[routes.size()];
        for (int i = 0; i < invokers.length; i++) invokers[i] = Invoker.compile(routes.get(i), lanes);
    }

    public Router router() {
        return router;
    }

    /** Requests admitted and not yet answered. */
    public int inFlight() {
        return admission.inFlight();
    }

    /** Requests refused with 503 since start. */
    public long refused() {
        return admission.refusedTotal();
    }

    /** The worker lane, for the server's own blocking work (pulling a streamed body's iterator). */
    public Executor workerExecutor() {
        return workers.executor();
    }

    /** Worker-lane tasks waiting for a pool thread. */
    public int queued() {
        return workers.queued();
    }

    /** An error response in FastAPI's shape, for answers the server gives without a request (400, 431). */
    public Response errorResponse(int status) {
        return outcomes.detail(status, Status.reason(status));
    }

    /** The request a WebSocket endpoint sees, built as for an HTTP request (the WebSocket path's one entry point here). */
    RequestImpl webSocketRequest(Exchange ex, String path, String rawQuery, Route route, Map<String, String> params) {
        return new RequestImpl(ex, path, rawQuery, route, params, offloader).app(pipeline);
    }

    /** Entry point, on the event loop: route, admit, invoke. */
    public void handle(Exchange ex) {
        assert ex.loop().inLoop() : "dispatch must start on the connection's loop";
        Target t = Target.of(ex.uri());
        Router.Match m = router.match(ex.method(), t.path());
        RequestImpl req = m instanceof Router.Found f
                ? new RequestImpl(ex, t.path(), t.query(), f.route(), f.params(), offloader)
                : new RequestImpl(ex, t.path(), t.query(), null, Map.of(), offloader);
        req.app(pipeline);
        if (observers != null) req.observed = dev.brisk.observe.Observed.start(observers, req, req.route(), ex.startNanos());
        if (chain == null) {
            endpoint(ex, req, m, direct(ex, req));
        } else {
            throughChain(ex, req, flight -> endpoint(ex, req, m, flight));
        }
    }

    /**
     * Answers a request the server refuses after reading its head (a body over the limit, broken
     * framing) with {@code status}, through the middleware like any other answer.
     */
    public void reject(Exchange ex, int status) {
        Target t = Target.of(ex.uri());
        RequestImpl req = new RequestImpl(ex, t.path(), t.query(), null, Map.of(), offloader).app(pipeline);
        java.util.function.Consumer<Flight> answer = flight -> {
            flight.answer(outcomes.failure(new HttpException(status), null, req));
            flight.workDone();
        };
        if (chain == null) answer.accept(direct(ex, req));
        else throughChain(ex, req, answer);
    }

    /** The route, or the router's answer; admits what needs a slot. */
    private void endpoint(Exchange ex, RequestImpl req, Router.Match m, Flight flight) {
        if (m instanceof Router.Found f) {
            Invoker inv = invokers[f.index()];
            if (inv.limited && !admission.tryAcquire()) {
                if (req.observed != null) req.observed.refused();
                flight.answer(lanes.retryLater());
                flight.workDone();
                return;
            }
            flight.admitted(inv.limited ? admission : null);
            inv.invoke(ex, req, flight);
            return;
        }
        flight.answer(miss(m, req));
        flight.workDone();
    }

    /** Without middleware: the answer goes straight to the connection, from whatever thread made it. */
    private Flight direct(Exchange ex, RequestImpl req) {
        return new Direct(ex, req, after);
    }

    // One object per request on the fast path: no lambdas capturing the exchange.
    private static final class Direct extends Flight {
        private final Exchange ex;
        private final RequestImpl req;
        private final AfterResponse after;

        Direct(Exchange ex, RequestImpl req, AfterResponse after) {
            this.ex = ex;
            this.req = req;
            this.after = after;
        }

        @Override
        boolean deliver(Response r) {
            if (r != null) ex.respond(Observe.answer(req, r, req.failure()));
            return true;
        }

        @Override
        void afterwards() {
            Observe.abandoned(req);
            after.run(req, ex.loop());
        }
    }

    /**
     * With middleware: the endpoint's answer completes a future on the loop, the chain runs around it,
     * and the chain's final response is written (unless the client left).
     */
    private void throughChain(Exchange ex, RequestImpl req, java.util.function.Consumer<Flight> endpoint) {
        LoopContext loop = ex.loop();
        CompletableFuture<Response> answer = new CompletableFuture<>();
        String label = req.label();
        Flight flight = new Flight() {
            @Override
            boolean deliver(Response r) {
                Offloader.resume(loop, label, () -> answer.complete(r == null ? ABANDONED : r));
                return false;
            }

            @Override
            void afterwards() {
                Observe.abandoned(req);
                after.run(req, loop);
            }
        };
        CompletionStage<Response> out = chain.run(req, loop, () -> {
            if (loop.inLoop()) endpoint.accept(flight);
            else loop.execute(() -> endpoint.accept(flight));
            return answer;
        });
        out.whenComplete((r, e) -> {
            if (!flight.abandoned()) ex.respond(Observe.answer(req, e == null ? r : outcomes.failure(e, req.route(), req), req.failure()));
            flight.delivered();
        });
    }

    private Response miss(Router.Match m, RequestImpl req) {
        return switch (m) {
            case Router.Redirect r -> Response.redirect(req.rawQuery().isEmpty() ? r.path() : r.path() + "?" + req.rawQuery());
            // Through the exception handlers, so a custom HttpException handler also shapes 404/405 (as in FastAPI).
            case Router.NotAllowed n -> outcomes.failure(new HttpException(405, Status.reason(405),
                    Map.of("allow", String.join(", ", n.allowed()))), null, req);
            case Router.NotFound n -> outcomes.failure(new HttpException(404), null, req);
            case Router.Found f -> throw new IllegalStateException("not a miss: " + f.route().label());
        };
    }

    /** A short description of the worker lane for the start-up banner. */
    public String workerDescription() {
        return workers.mode().toString();
    }

    /** Stops taking worker tasks and waits up to {@code millis} for running ones. */
    public void drain(long millis) throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(millis);
    }

    @Override
    public void close() {
        workers.close();
    }
}
