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
 * @param lane where the handler runs
 * @param worker the plain handler (for {@link #worker} and {@link #loopSafe}), else {@code null}
 * @param async the stage-returning handler (for {@link #loop}), else {@code null}
 */
public record Handler(Lane lane, WorkerHandler worker, LoopHandler async) {

    public Handler {
        Objects.requireNonNull(lane, "lane");
        if ((worker == null) == (async == null)) {
            throw new IllegalArgumentException("exactly one of worker/async must be given");
        }
    }

    /** A handler that may block; it runs on the worker lane (virtual thread or pool). */
    public static Handler worker(WorkerHandler handler) {
        return new Handler(Lane.WORKER, Objects.requireNonNull(handler, "handler"), null);
    }

    /** An asynchronous handler; it runs on the event loop and answers through its stage. */
    public static Handler loop(LoopHandler handler) {
        return new Handler(Lane.LOOP, null, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * A plain handler the developer declares safe for the event loop (trivial, never blocks); it skips
     * the hop to a worker. The watchdog still reports it if it stalls the loop.
     */
    public static Handler loopSafe(WorkerHandler handler) {
        return new Handler(Lane.LOOP, Objects.requireNonNull(handler, "handler"), null);
    }
}
