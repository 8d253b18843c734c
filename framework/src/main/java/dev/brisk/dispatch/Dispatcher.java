package dev.brisk.dispatch;

import dev.brisk.BriskConfig;
import dev.brisk.Handler;
import dev.brisk.Lane;
import dev.brisk.Loop;
import dev.brisk.Response;
import dev.brisk.Status;
import dev.brisk.routing.Route;
import dev.brisk.routing.Router;
import dev.brisk.watchdog.Watchdog;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

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
    private final Response retryLater;

    public Dispatcher(Router router, BriskConfig config, Watchdog watchdog) {
        this.router = router;
        this.config = config;
        this.watchdog = watchdog;
        this.workers = new WorkerLane(config.worker());
        this.admission = new Admission(config.inFlightLimit());
        this.offloader = new Offloader(workers.executor(), workers.cpu());
        this.outcomes = new Outcomes(config.json());
        this.defaultTimeout = config.requestTimeout();
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
        if (!m.found()) {
            ex.respond(miss(m, rawQuery));
            return;
        }
        if (!admission.tryAcquire()) {
            ex.respond(retryLater);
            return;
        }
        Route route = m.route();
        Flight flight = new Flight(admission);
        RequestImpl req = new RequestImpl(ex, path, rawQuery, route, m.params(), offloader, config.json());
        if (route.lane() == Lane.LOOP) runOnLoop(ex, req, route, flight);
        else runOnWorker(ex, req, route, flight);
    }

    private Response miss(Router.Match m, String rawQuery) {
        if (m.redirect() != null) {
            return Response.redirect(rawQuery.isEmpty() ? m.redirect() : m.redirect() + "?" + rawQuery);
        }
        if (!m.allowed().isEmpty()) {
            return outcomes.detail(405, Status.reason(405)).withHeader("allow", String.join(", ", m.allowed()));
        }
        return outcomes.detail(404, Status.reason(404));
    }

    private void runOnLoop(Exchange ex, RequestImpl req, Route route, Flight flight) {
        Handler h = route.handler();
        LoopContext loop = ex.loop();
        loop.probe().enter(route.label());
        try {
            if (h.async() == null) {
                finish(ex, flight, outcomes.success(h.worker().handle(req), route));
                return;
            }
            CompletionStage<?> stage = h.async().handle(req);
            if (stage == null) {
                finish(ex, flight, outcomes.failure(new NullPointerException(route.label() + " returned a null stage"), route));
                return;
            }
            Loop.Cancellable timer = armTimeout(ex, route, flight, () -> cancel(stage));
            ex.onAbort(() -> {
                cancel(stage);
                flight.end();
            });
            stage.whenComplete((value, error) -> {
                if (timer != null) timer.cancel();
                if (error != null && Outcomes.isCancellation(error) && flight.ended()) return;
                finish(ex, flight, error == null ? outcomes.success(value, route) : outcomes.failure(error, route));
            });
        } catch (Throwable t) {
            finish(ex, flight, outcomes.failure(t, route));
        } finally {
            loop.probe().exit();
        }
    }

    private void runOnWorker(Exchange ex, RequestImpl req, Route route, Flight flight) {
        WorkerTask task = new WorkerTask(ex, req, route, flight);
        Loop.Cancellable timer = armTimeout(ex, route, flight, task::interrupt);
        task.timer = timer;
        ex.onAbort(() -> {
            if (config.interruptOnDisconnect()) task.interrupt();
            flight.end();
        });
        if (!workers.submit(task)) {
            if (timer != null) timer.cancel();
            admission.refuse("worker queue full (" + workers.mode() + ")");
            finish(ex, flight, retryLater);
        }
    }

    /** A worker-lane request: runs the handler, encodes the result, answers. */
    private final class WorkerTask implements Runnable {
        final Exchange ex;
        final RequestImpl req;
        final Route route;
        final Flight flight;
        volatile Thread thread;
        volatile Loop.Cancellable timer;

        WorkerTask(Exchange ex, RequestImpl req, Route route, Flight flight) {
            this.ex = ex;
            this.req = req;
            this.route = route;
            this.flight = flight;
        }

        @Override
        public void run() {
            if (flight.ended()) return; // client gone or timed out while queued: skip the work
            thread = Thread.currentThread();
            Watchdog.WorkerTicket ticket = watchdog.workerStarted(route.label());
            Response r;
            try {
                r = outcomes.success(route.handler().worker().handle(req), route);
            } catch (Throwable t) {
                r = flight.ended() ? null : outcomes.failure(t, route);
            } finally {
                watchdog.workerFinished(ticket);
                thread = null;
                Thread.interrupted(); // never leak an interrupt into the next pooled task
            }
            Loop.Cancellable t = timer;
            if (t != null) t.cancel();
            if (r != null) finish(ex, flight, r);
        }

        void interrupt() {
            Thread t = thread;
            if (t != null) t.interrupt();
        }
    }

    private Loop.Cancellable armTimeout(Exchange ex, Route route, Flight flight, Runnable onTimeout) {
        Duration limit = route.timeout() != null ? route.timeout() : defaultTimeout;
        if (limit == null || limit.isZero() || limit.isNegative()) return null;
        return ex.loop().schedule(() -> {
            if (flight.ended()) return;
            finish(ex, flight, outcomes.detail(504, "Request time limit exceeded"));
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

    static CompletableFuture<Object> failed(Throwable t) {
        return CompletableFuture.failedFuture(t);
    }
}
