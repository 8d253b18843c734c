package dev.brisk.observe;

import dev.brisk.Request;
import dev.brisk.routing.Route;
import dev.brisk.watchdog.Stall;

/**
 * Sees every request's life (start, queued, worker start, end) and the event loops' health (heartbeat
 * lag, stalls): the one hook metrics, tracing and request ids are built on. Install with
 * {@link dev.brisk.BriskConfig#observe(Observer)}; with none installed, the request path does no
 * observation work at all (one null check per request).
 *
 * <pre>{@code
 * AtomicLong slow = new AtomicLong();
 * app = Brisk.create(new BriskConfig().observe((request, route) -> end -> {
 *     if (end.totalNanos() > 1_000_000_000L) slow.incrementAndGet();
 * }));
 * }</pre>
 *
 * <p><b>Threading.</b> {@link #start} runs on the request's event loop; {@link #loopLag} on the loop it
 * measures; {@link #stall} on the watchdog's thread. Keep them quick and never block.
 */
@FunctionalInterface
public interface Observer {
    /**
     * A request arrived and was routed; {@code route} is {@code null} when no route matched (404/405).
     * Returns the request's observation, or {@code null} to ignore this request.
     */
    Observation start(Request request, Route route);

    /** How late the watchdog's heartbeat ran on {@code loop}: the event loop's scheduling lag. */
    default void loopLag(String loop, long lagNanos) {
    }

    /** A stall the watchdog saw and classified (every kind, whether or not it is logged). */
    default void stall(Stall stall) {
    }
}
