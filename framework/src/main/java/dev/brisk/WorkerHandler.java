package dev.brisk;

/**
 * A handler that returns a plain value and may block: FastAPI's {@code def}. Runs on the worker lane
 * unless wrapped with {@link Handler#loopSafe(WorkerHandler)}.
 *
 * <pre>{@code
 * app.get("/sync", Handler.worker(req -> {
 *     Thread.sleep(100);                       // fine: this is a worker thread
 *     return Map.of("status", "done");
 * }));
 * }</pre>
 */
@FunctionalInterface
public interface WorkerHandler {
    /**
     * Handles one request.
     *
     * @return the response value: a {@link Response}, or any value encoded as JSON
     */
    Object handle(Request request) throws Exception;
}
