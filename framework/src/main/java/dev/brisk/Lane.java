package dev.brisk;

/**
 * Where a route's handler runs. Decided once per route, at registration, never per request.
 *
 * <pre>{@code
 * app.get("/sync",  Handler.worker(req -> Map.of("thread", Thread.currentThread().getName())));   // WORKER
 * app.get("/async", Handler.loop(req -> req.sleep(Duration.ofSeconds(1)).thenApply(v -> "done"))); // LOOP
 * }</pre>
 */
public enum Lane {
    /**
     * The connection's Netty event-loop thread: FastAPI's {@code async def}. Handlers here must never
     * block; the watchdog names the route of any that does.
     */
    LOOP,
    /** The worker lane: a virtual thread per request (default) or a bounded platform pool. May block. */
    WORKER;

    /** Lower-case name as printed at start-up ({@code loop}, {@code worker}). */
    public String label() {
        return this == LOOP ? "loop" : "worker";
    }
}
