package dev.brisk;

import java.util.concurrent.CompletionStage;

/**
 * A handler that runs on the event loop and answers with a {@link CompletionStage}: FastAPI's
 * {@code async def}. It must not block; use {@link Request#offload} for blocking or CPU work and
 * {@link Request#sleep} instead of {@code Thread.sleep}.
 *
 * <pre>{@code
 * app.get("/asyncio-test/{user_id}", Handler.loop(req ->
 *     req.sleep(Duration.ofSeconds(3)).thenApply(v -> Map.of("user", req.pathParam("user_id")))));
 * }</pre>
 */
@FunctionalInterface
public interface LoopHandler {
    /** Handles one request; the stage's value is the response value (a {@link Response} or JSON). */
    CompletionStage<?> handle(Request request) throws Exception;
}
