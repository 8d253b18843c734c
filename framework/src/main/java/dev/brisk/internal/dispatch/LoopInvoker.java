package dev.brisk.internal.dispatch;

import dev.brisk.Loop;
import dev.brisk.LoopHandler;
import dev.brisk.WorkerHandler;
import dev.brisk.routing.Route;
import java.util.concurrent.CompletionStage;

/**
 * The loop lane: the handler runs right here on the connection's event loop, marked for the watchdog.
 * A plain ({@code loopSafe}) handler answers at once; a stage-returning one answers when its stage
 * completes, with the time limit and a disconnect cancelling the stage.
 */
final class LoopInvoker extends Invoker {
    private final WorkerHandler plain;
    private final LoopHandler async;

    LoopInvoker(Route route, Lanes lanes, WorkerHandler plain, LoopHandler async) {
        super(route, lanes);
        this.plain = plain;
        this.async = async;
    }

    @Override
    void invoke(Exchange ex, RequestImpl req, Flight flight) {
        LoopContext loop = ex.loop();
        long entered = loop.probe().enter(label);
        dev.brisk.observe.Observation.Scope observing = Observe.enterLoop(req, entered);
        CompletionStage<?> stage;
        try {
            if (plain != null) {
                flight.answer(success(plain.handle(req)));
                flight.workDone();
                return;
            }
            stage = async.handle(req);
            if (stage == null) throw new NullPointerException(label + " returned a null stage");
        } catch (Throwable t) {
            flight.answer(failure(t, req));
            flight.workDone();
            return;
        } finally {
            if (observing != null) observing.close();
            loop.probe().exit();
        }
        Loop.Cancellable timer = armTimeout(ex, req, flight, () -> cancel(stage));
        ex.onAbort(() -> {
            req.failed(disconnected());
            cancel(stage);
            flight.abandon();
        });
        stage.whenComplete((value, error) -> {
            if (timer != null) timer.cancel();
            if (!flight.answered()) flight.answer(error == null ? success(value) : failure(error, req));
            else if (error != null) req.failed(Outcomes.unwrap(error));
            flight.workDone();
        });
    }
}
