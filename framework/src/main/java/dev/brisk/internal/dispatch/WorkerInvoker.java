package dev.brisk.internal.dispatch;

import dev.brisk.Loop;
import dev.brisk.WorkerHandler;
import dev.brisk.routing.Route;
import dev.brisk.internal.watchdog.Watchdog;

/**
 * The worker lane: the handler runs on a virtual thread or a pool worker and may block. The time limit
 * and (opt-in) a disconnect interrupt the thread; a request whose client left while it was queued is
 * skipped; a full queue is a 503.
 */
final class WorkerInvoker extends Invoker {
    private final WorkerHandler handler;

    WorkerInvoker(Route route, Lanes lanes, WorkerHandler handler) {
        super(route, lanes);
        this.handler = handler;
    }

    @Override
    void invoke(Exchange ex, RequestImpl req, Flight flight) {
        Task task = new Task(req, flight);
        task.timer = armTimeout(ex, req, flight, task::interrupt);
        ex.onAbort(() -> {
            req.failed(disconnected());
            if (lanes.interruptOnDisconnect()) task.interrupt();
            flight.abandon();
        });
        if (req.observed != null) req.observed.queued();
        if (!lanes.workers().submit(task)) {
            if (req.observed != null) req.observed.refused();
            Loop.Cancellable t = task.timer;
            if (t != null) t.cancel();
            lanes.refuse("worker queue full (" + lanes.workers().mode() + ")");
            flight.answer(lanes.retryLater());
            flight.workDone();
        }
    }

    /** One worker-lane request: runs the handler, encodes the result on the worker, answers. */
    private final class Task implements Runnable {
        final RequestImpl req;
        final Flight flight;
        volatile Thread thread;
        volatile Loop.Cancellable timer;

        Task(RequestImpl req, Flight flight) {
            this.req = req;
            this.flight = flight;
        }

        @Override
        public void run() {
            if (flight.answered()) { // client gone or timed out while queued: skip the work
                flight.workDone();
                return;
            }
            thread = Thread.currentThread();
            Watchdog.WorkerTicket ticket = lanes.watchdog().workerStarted(label);
            if (req.observed != null) req.observed.workerStarted();
            dev.brisk.observe.Observation.Scope observing = Observe.enter(req, false);
            dev.brisk.Response r;
            try {
                r = success(handler.handle(req));
            } catch (Throwable t) {
                r = flight.answered() ? null : failure(t, req);
                if (r == null) req.failed(Outcomes.unwrap(t));
            } finally {
                if (observing != null) observing.close();
                lanes.watchdog().workerFinished(ticket);
                synchronized (this) {
                    thread = null; // after this, interrupt() can no longer reach this (pooled) thread
                }
                Thread.interrupted(); // drop an interrupt that arrived before: never leak it into the next task
            }
            Loop.Cancellable t = timer;
            if (t != null) t.cancel();
            if (r != null) flight.answer(r);
            flight.workDone();
        }

        synchronized void interrupt() {
            if (thread != null) thread.interrupt();
        }
    }
}
