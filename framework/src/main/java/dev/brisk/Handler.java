package dev.brisk;

import java.util.Objects;

/**
 * A route handler together with its lane. Java cannot tell a blocking lambda from an async one by its
 * shape, so lambda routes say their lane by the factory they use:
 *
 * <pre>{@code
 * import static dev.brisk.Handler.*;
 *
 * app.get("/sync",  worker(req -> blockingWork()));             // worker lane, may block
 * app.get("/async", loop(req -> client.getAsync(url)));          // event loop, returns a CompletionStage
 * app.get("/json",  loopSafe(req -> Map.of("message", "hi")));  // event loop, trivial and non-blocking
 * }</pre>
 *
 * <p>The three kinds are the records below; the dispatcher compiles each route once, at start, into
 * the lane strategy its kind calls for.
 */
public sealed interface Handler permits Handler.OnWorker, Handler.OnLoop, Handler.LoopSafe {

    /** Where the handler runs. */
    Lane lane();

    /** A plain handler on the worker lane (virtual thread or pool): FastAPI's {@code def}. */
    record OnWorker(WorkerHandler handler) implements Handler {
        public OnWorker {
            Objects.requireNonNull(handler, "handler");
        }

        @Override
        public Lane lane() {
            return Lane.WORKER;
        }
    }

    /** A stage-returning handler on the event loop: FastAPI's {@code async def}. */
    record OnLoop(LoopHandler handler) implements Handler {
        public OnLoop {
            Objects.requireNonNull(handler, "handler");
        }

        @Override
        public Lane lane() {
            return Lane.LOOP;
        }
    }

    /** A plain handler the developer declares trivial enough for the event loop. */
    record LoopSafe(WorkerHandler handler) implements Handler {
        public LoopSafe {
            Objects.requireNonNull(handler, "handler");
        }

        @Override
        public Lane lane() {
            return Lane.LOOP;
        }
    }

    /** A handler that may block; it runs on the worker lane (virtual thread or pool). */
    static Handler worker(WorkerHandler handler) {
        return new OnWorker(handler);
    }

    /** An asynchronous handler; it runs on the event loop and answers through its stage. */
    static Handler loop(LoopHandler handler) {
        return new OnLoop(handler);
    }

    /**
     * A plain handler the developer declares safe for the event loop (trivial, never blocks); it skips
     * the hop to a worker. The watchdog still reports it if it stalls the loop.
     */
    static Handler loopSafe(WorkerHandler handler) {
        return new LoopSafe(handler);
    }
}
