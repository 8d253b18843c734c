package dev.brisk.dispatch;

import dev.brisk.BriskConfig;
import dev.brisk.Handler;
import dev.brisk.HttpException;
import dev.brisk.Lane;
import dev.brisk.Loop;
import dev.brisk.Response;
import dev.brisk.Status;
import dev.brisk.routing.Route;
import dev.brisk.routing.Router;
import dev.brisk.watchdog.Watchdog;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Routes each request and runs its handler in the route's lane.
 *
 * <p><b>Threading.</b> {@link #handle} is called on the connection's event loop. Loop-lane handlers
 * run right there, inside {@link dev.brisk.watchdog.LoopProbe#enter}/{@code exit} so the watchdog can
 * name them; their stage may complete on any thread. Worker-lane handlers run on the worker lane
 * (virtual thread or pool); their result is encoded there, off the loop. Every answer goes through
 * {@link Exchange#respond}, which hops to the loop and writes in request order. Time limits fire on
 * the loop; a time-out answers 504 and cancels the work. A client that disconnects cancels the
 * loop handler's stage and, if configured, interrupts the worker thread.
 *
 * <p>With middleware, the {@link Chain} runs on the loop around the lane, and the lane's answer hops
 * back to the loop before middleware sees it. Once a request is over (answered, timed out or
 * abandoned) {@link AfterResponse} queues dependency cleanup and background tasks on the loop, behind
 * the response write; cleanup gets its own virtual thread, never a pool worker.
 */
public final class Dispatcher implements AutoCloseable {
    private final Router router;
    private final BriskConfig config;
    private final WorkerLane workers;
    private final Admission admission;
    private final Offloader offloader;
    private final Outcomes outcomes;
    private final Watchdog watchdog;
    private final Duration defaultTimeout;
    /** What the middleware chain sees when the request ended without an answer (client gone, time-out). */
    private static final Response ABANDONED = Response.status(499);
    private final Response retryLater;
    private final Pipeline pipeline;
    private final Chain chain; // null without middleware: the hot path stays as it was
    private final AfterResponse after;
    private final dev.brisk.observe.Observer[] observers; // null when none: no observation work at all

    public Dispatcher(Router router, BriskConfig config, Watchdog watchdog) {
        this(router, config, watchdog, Pipeline.empty());
    }

    public Dispatcher(Router router, BriskConfig config, Watchdog watchdog, Pipeline pipeline) {
        this.router = router;
        this.pipeline = pipeline;
        this.config = config;
        this.watchdog = watchdog;
        this.workers = new WorkerLane(config.worker());
        this.admission = new Admission(config.inFlightLimit());
        this.offloader = new Offloader(workers.executor(), workers.cpu());
        this.outcomes = new Outcomes(config.json(), pipeline.handlers());
        this.after = new AfterResponse(workers.executor());
        this.chain = pipeline.middleware().isEmpty() ? null : new Chain(pipeline.middleware(), outcomes);
        this.defaultTimeout = config.requestTimeout();
        this.observers = config.observers().isEmpty() ? null : config.observers().toArray(dev.brisk.observe.Observer[]::new);
        this.retryLater = outcomes.detail(503, Status.reason(503))
                .withHeader("retry-after", Integer.toString(config.retryAfterSeconds()));
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
    public java.util.concurrent.Executor workerExecutor() {
        return workers.executor();
    }

    /** Worker-lane tasks waiting for a pool thread. */
    public int queued() {
        return workers.queued();
    }

    /** An error response in FastAPI's shape, for the server's own errors (400, 413, ...). */
    public Response errorResponse(int status) {
        return outcomes.detail(status, Status.reason(status));
    }

    /** Entry point, on the event loop: route, admit, run in the lane. */
    public void handle(Exchange ex) {
        assert ex.loop().inLoop() : "dispatch must start on the connection's loop";
        String uri = ex.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        int hash = path.indexOf('#');
        if (hash >= 0) path = path.substring(0, hash);
        if (!path.startsWith("/")) path = absolutePath(path);
        Router.Match m = router.match(ex.method(), path);
        if (chain != null) {
            handleWithMiddleware(ex, m, path, rawQuery);
            return;
        }
        if (!m.found()) {
            RequestImpl missed = observe(new RequestImpl(ex, path, rawQuery, null, Map.of(), offloader)
                    .state(pipeline.state()), null);
            ex.respond(Observe.answer(missed, miss(m, missed, rawQuery), null));
            return;
        }
        if (!admission.tryAcquire()) {
            ex.respond(observers == null ? retryLater : refusedAnswer(ex, path, rawQuery, m.route(), m.params()));
            return;
        }
        Route route = m.route();
        Flight flight = new Flight(admission);
        RequestImpl req = observe(new RequestImpl(ex, path, rawQuery, route, m.params(), offloader)
                .state(pipeline.state()), route);
        run(ex, req, route, flight, r -> complete(ex, flight, req, r));
    }

    /**
     * The middleware path: every request (404/405 included) is admitted and goes through the chain;
     * the route's lane answers into a future that completes on the loop, and the chain's final
     * response is written.
     */
    private void handleWithMiddleware(Exchange ex, Router.Match m, String path, String rawQuery) {
        if (!admission.tryAcquire()) {
            ex.respond(observers == null ? retryLater
                    : refusedAnswer(ex, path, rawQuery, m.found() ? m.route() : null, m.found() ? m.params() : Map.of()));
            return;
        }
        Flight flight = new Flight(admission);
        Route route = m.found() ? m.route() : null;
        RequestImpl req = observe(new RequestImpl(ex, path, rawQuery, route, m.found() ? m.params() : Map.of(), offloader)
                .state(pipeline.state()), route);
        LoopContext loop = ex.loop();
        chain.run(req, loop, () -> {
            if (route == null) return CompletableFuture.completedFuture(miss(m, req, rawQuery));
            CompletableFuture<Response> answer = new CompletableFuture<>();
            Consumer<Response> sink = r -> Offloader.resume(loop, route.label(),
                    () -> answer.complete(r == null ? ABANDONED : r));
            if (loop.inLoop()) run(ex, req, route, flight, sink);
            else loop.execute(() -> run(ex, req, route, flight, sink));
            return answer;
        }).whenComplete((r, e) -> complete(ex, flight, req, e == null ? r : outcomes.failure(e, route, req)));
    }

    private void run(Exchange ex, RequestImpl req, Route route, Flight flight, Consumer<Response> sink) {
        if (route.lane() == Lane.LOOP) runOnLoop(ex, req, route, flight, sink);
        else runOnWorker(ex, req, route, flight, sink);
    }

    /** Answers (unless the request already ended) and starts the after-response work. */
    private void complete(Exchange ex, Flight flight, RequestImpl req, Response r) {
        if (r != null && flight.end()) ex.respond(Observe.answer(req, r, req.failure()));
        Observe.abandoned(req);
        after.run(req, ex.loop());
    }

    /** Observation of one request (obs hook): starts it when observers are installed. */
    private RequestImpl observe(RequestImpl req, Route route) {
        if (observers != null) req.observed = dev.brisk.observe.Observed.start(observers, req, route);
        return req;
    }

    /** A 503 for overload, seen by the observers (obs hook). */
    private Response refusedAnswer(Exchange ex, String path, String rawQuery, Route route, Map<String, String> params) {
        RequestImpl req = observe(new RequestImpl(ex, path, rawQuery, route, params, offloader).state(pipeline.state()), route);
        if (req.observed != null) req.observed.refused();
        return Observe.answer(req, retryLater, null);
    }

    private Response miss(Router.Match m, RequestImpl req, String rawQuery) {
        if (m.redirect() != null) {
            return Response.redirect(rawQuery.isEmpty() ? m.redirect() : m.redirect() + "?" + rawQuery);
        }
        // Through the exception handlers, so a custom HttpException handler also shapes 404/405 (as in FastAPI).
        HttpException e = m.allowed().isEmpty() ? new HttpException(404)
                : new HttpException(405, Status.reason(405), Map.of("allow", String.join(", ", m.allowed())));
        return outcomes.failure(e, null, req);
    }

    private void runOnLoop(Exchange ex, RequestImpl req, Route route, Flight flight, Consumer<Response> sink) {
        Handler h = route.handler();
        LoopContext loop = ex.loop();
        loop.probe().enter(route.label());
        dev.brisk.observe.Observation.Scope observing = Observe.enter(req, true);
        try {
            if (h.async() == null) {
                sink.accept(outcomes.success(h.worker().handle(req), route));
                return;
            }
            CompletionStage<?> stage = h.async().handle(req);
            if (stage == null) {
                sink.accept(outcomes.failure(new NullPointerException(route.label() + " returned a null stage"), route, req));
                return;
            }
            Loop.Cancellable timer = armTimeout(ex, req, route, flight, () -> cancel(stage));
            ex.onAbort(() -> {
                req.failed(new CancellationException("client disconnected"));
                cancel(stage);
                flight.end();
            });
            stage.whenComplete((value, error) -> {
                if (timer != null) timer.cancel();
                if (error != null && Outcomes.isCancellation(error) && flight.ended()) {
                    sink.accept(null);
                    return;
                }
                sink.accept(error == null ? outcomes.success(value, route) : outcomes.failure(error, route, req));
            });
        } catch (Throwable t) {
            sink.accept(outcomes.failure(t, route, req));
        } finally {
            if (observing != null) observing.close();
            loop.probe().exit();
        }
    }

    private void runOnWorker(Exchange ex, RequestImpl req, Route route, Flight flight, Consumer<Response> sink) {
        WorkerTask task = new WorkerTask(req, route, flight, sink);
        Loop.Cancellable timer = armTimeout(ex, req, route, flight, task::interrupt);
        task.timer = timer;
        ex.onAbort(() -> {
            req.failed(new CancellationException("client disconnected"));
            if (config.interruptOnDisconnect()) task.interrupt();
            flight.end();
        });
        if (req.observed != null) req.observed.queued();
        if (!workers.submit(task)) {
            if (timer != null) timer.cancel();
            admission.refuse("worker queue full (" + workers.mode() + ")");
            if (req.observed != null) req.observed.refused();
            sink.accept(retryLater);
        }
    }

    /** A worker-lane request: runs the handler, encodes the result, answers. */
    private final class WorkerTask implements Runnable {
        final RequestImpl req;
        final Route route;
        final Flight flight;
        final Consumer<Response> sink;
        volatile Thread thread;
        volatile Loop.Cancellable timer;

        WorkerTask(RequestImpl req, Route route, Flight flight, Consumer<Response> sink) {
            this.req = req;
            this.route = route;
            this.flight = flight;
            this.sink = sink;
        }

        @Override
        public void run() {
            if (flight.ended()) { // client gone or timed out while queued: skip the work
                sink.accept(null);
                return;
            }
            thread = Thread.currentThread();
            Watchdog.WorkerTicket ticket = watchdog.workerStarted(route.label());
            if (req.observed != null) req.observed.workerStarted();
            dev.brisk.observe.Observation.Scope observing = Observe.enter(req, false);
            Response r;
            try {
                r = outcomes.success(route.handler().worker().handle(req), route);
            } catch (Throwable t) {
                r = flight.ended() ? null : outcomes.failure(t, route, req);
            } finally {
                if (observing != null) observing.close();
                watchdog.workerFinished(ticket);
                synchronized (this) {
                    thread = null; // after this, interrupt() can no longer reach this (pooled) thread
                }
                Thread.interrupted(); // drop an interrupt that arrived before: never leak it into the next task
            }
            Loop.Cancellable t = timer;
            if (t != null) t.cancel();
            sink.accept(r);
        }

        synchronized void interrupt() {
            if (thread != null) thread.interrupt();
        }
    }

    private Loop.Cancellable armTimeout(Exchange ex, RequestImpl req, Route route, Flight flight, Runnable onTimeout) {
        Duration limit = route.timeout() != null ? route.timeout() : defaultTimeout;
        if (limit == null || limit.isZero() || limit.isNegative()) return null;
        return ex.loop().schedule(() -> {
            if (flight.ended()) return;
            req.failed(new TimeoutException(route.label() + " exceeded " + limit.toMillis() + " ms"));
            finish(ex, flight, Observe.answer(req, outcomes.detail(504, "Request time limit exceeded"), req.failure()));
            onTimeout.run();
        }, limit);
    }

    private static void finish(Exchange ex, Flight flight, Response r) {
        if (flight.end()) ex.respond(r);
    }

    private static void cancel(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().cancel(false);
        } catch (UnsupportedOperationException notCancellable) {
            // a stage type that cannot be cancelled: nothing to do
        }
    }

    private static String absolutePath(String target) {
        // absolute-form (http://host/path) and asterisk-form requests
        int scheme = target.indexOf("://");
        if (scheme > 0) {
            int slash = target.indexOf('/', scheme + 3);
            return slash < 0 ? "/" : target.substring(slash);
        }
        return "/" + target;
    }

    /** One admitted request's slot: released exactly once, by the answer or the abort. */
    private static final class Flight extends AtomicBoolean {
        private final Admission admission;

        Flight(Admission admission) {
            this.admission = admission;
        }

        boolean end() {
            if (compareAndSet(false, true)) {
                admission.release();
                return true;
            }
            return false;
        }

        boolean ended() {
            return get();
        }
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
