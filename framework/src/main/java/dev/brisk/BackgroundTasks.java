package dev.brisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Work to do after the response is sent, like FastAPI's {@code BackgroundTasks}. Each task runs in its
 * lane: a blocking task on the worker lane (never on the event loop), an asynchronous one on the
 * request's event loop. Tasks start once the response has been handed to the connection, in the order
 * added; a failing task is logged and does not stop the others.
 *
 * <pre>{@code
 * app.post("/send-notification/{email}", worker(req -> {
 *     BackgroundTasks.of(req).add(() -> mailer.send(req.pathParam("email")));   // blocking: worker lane
 *     return Map.of("message", "Notification sent in the background");
 * }));
 * }</pre>
 *
 * <p>Dependency cleanup ({@link dev.brisk.deps.Scope#onClose}) runs independently of these tasks, so
 * a task must not use a resource a dependency closes (FastAPI 0.106+ has the same rule).
 */
public final class BackgroundTasks {
    private static final String KEY = "brisk.background";

    /** One task: exactly one of {@code blocking} and {@code async} is set. */
    public record Task(Runnable blocking, Supplier<? extends CompletionStage<?>> async) {
        public Task {
            if ((blocking == null) == (async == null)) throw new IllegalArgumentException("exactly one of blocking/async");
        }
    }

    private final List<Task> tasks = new ArrayList<>();

    private BackgroundTasks() {}

    /** The request's task list, created on first use. */
    public static BackgroundTasks of(Request req) {
        return (BackgroundTasks) req.attributes().computeIfAbsent(KEY, k -> new BackgroundTasks());
    }

    /** The request's tasks if any were added, else {@code null} (used by the dispatcher). */
    public static BackgroundTasks peek(Request req) {
        return (BackgroundTasks) req.attributes().get(KEY);
    }

    /** Adds a task that may block; it runs on the worker lane after the response. */
    public synchronized BackgroundTasks add(Runnable task) {
        tasks.add(new Task(Objects.requireNonNull(task, "task"), null));
        return this;
    }

    /** Adds an asynchronous task; it is started on the request's event loop after the response and must not block. */
    public synchronized BackgroundTasks addAsync(Supplier<? extends CompletionStage<?>> task) {
        tasks.add(new Task(null, Objects.requireNonNull(task, "task")));
        return this;
    }

    /** The tasks added so far, in order. */
    public synchronized List<Task> tasks() {
        return List.copyOf(tasks);
    }
}
