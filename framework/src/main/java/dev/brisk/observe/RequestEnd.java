package dev.brisk.observe;

/**
 * How a request ended, for {@link Observation#end}.
 *
 * @param status the status written, or 499 when the client left (or a time-out cut the work) before an answer
 * @param failure the handler's exception, a time-out or the client's disconnect; {@code null} on success
 * @param totalNanos from the request being read to its answer
 * @param queuedNanos time a worker-lane request waited for a worker (0 on the loop lane)
 * @param loopNanos time the request's own code spent on the event loop (handler and resumptions)
 * @param refused whether Brisk refused the request for overload (503 with Retry-After)
 */
public record RequestEnd(int status, Throwable failure, long totalNanos, long queuedNanos, long loopNanos,
                         boolean refused) {
}
