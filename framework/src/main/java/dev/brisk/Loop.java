package dev.brisk;

import java.time.Duration;
import java.util.Optional;
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
