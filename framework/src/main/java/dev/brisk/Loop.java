package dev.brisk;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * An event loop, as handlers see it: an executor whose tasks all run on one thread, in order, plus a
 * timer. Code chained on a stage returned by {@link Request#offload} or {@link Request#sleep} runs
 * here, so a loop handler's state is confined to one thread, like Python after an {@code await}.
 *
 * <pre>{@code
 * Loop loop = req.loop();
 * loop.schedule(() -> log.info("one second later, on {}", Thread.currentThread().getName()),
 *               Duration.ofSeconds(1));
 * }</pre>
 */
public interface Loop extends Executor {

    /** The loop's thread name, e.g. {@code brisk-loop-1}. */
    String name();

    /** Whether the calling thread is this loop's thread. */
    boolean inLoop();

    /** Runs {@code task} on this loop after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Runnable task, Duration delay);

    /**
     * Brings a stage that completes on someone else's thread — a database, Redis or messaging client's
     * own I/O threads — back onto this loop: the returned stage completes <b>on this loop's thread</b>,
     * so code chained after it is loop-confined like code after {@link Request#offload}, and the
     * watchdog still knows which route that code belongs to (the route running when {@code adopt} was
     * called). Cancelling the returned stage (a time limit, a client that went away) cancels
     * {@code stage} too.
     *
     * <pre>{@code
     * app.get("/user/{id}", loop(req -> req.loop()
     *         .adopt(pgClient.query("select name from users where id = $1", req.pathParam("id")))  // pool threads
     *         .thenApply(rows -> Map.of("name", rows.get(0)))));                                // back on the loop
     * }</pre>
     *
     * <p>{@link Request#adopt} is the same, for the request's loop.
     */
    <T> CompletionStage<T> adopt(CompletionStage<T> stage);

    /** A scheduled task's handle. */
    @FunctionalInterface
    interface Cancellable {
        /** Cancels the task if it has not run yet; returns whether it was cancelled. */
        boolean cancel();
    }

    /** The loop whose thread is calling, if the caller is a Brisk event-loop thread. */
    static Optional<Loop> current() {
        return Optional.ofNullable(CurrentLoop.get());
    }
}
