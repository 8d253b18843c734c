package dev.brisk.observe;

import dev.brisk.Response;
import java.net.http.HttpRequest;

/**
 * One request, as one {@link Observer} follows it. Brisk calls {@link #end} exactly once; the other
 * calls are optional steps. Only {@code end} is required, so a lambda is a complete observation:
 *
 * <pre>{@code
 * Observer countErrors = (request, route) -> end -> { if (end.status() >= 500) errors.increment(); };
 * }</pre>
 */
@FunctionalInterface
public interface Observation {
    /** A worker-lane request was queued for a worker (on the loop). */
    default void queued() {
    }

    /** A worker picked the request up after {@code queuedNanos} in the queue (on the worker). */
    default void workerStarted(long queuedNanos) {
    }

    /**
     * The request's code is about to run on the current thread: the handler, a worker task, or a
     * resumption (offload, sleep or HTTP client completing on the loop). Make the request's context
     * current (MDC, a tracing context); the returned scope is closed when that code returns.
     */
    default Scope enter() {
        return Scope.NONE;
    }

    /**
     * {@link #enter}, when no request was current on this thread before (the usual entry: a handler, a
     * worker task, a resumption on the loop; an entry nested in a request's code gets {@link #enter}). A
     * context that only requests set, under a key of its own, cannot be there then, so it can be set
     * without reading back what to restore, and removed on close. By default, {@link #enter}.
     *
     * <pre>{@code
     * public Scope enterFresh() {
     *     MDC.put("tenant", tenant);            // no MDC.get("tenant") first: only requests set it
     *     return () -> MDC.remove("tenant");
     * }
     * }</pre>
     */
    default Scope enterFresh() {
        return enter();
    }

    /** The answer about to be written; may add headers (a request id). Called at most once, before {@link #end}. */
    default Response answer(Response response) {
        return response;
    }

    /**
     * The request's code is calling another service with {@link dev.brisk.client.BriskHttpClient}: may
     * return a call that rewrites the request (to inject trace headers) and is told the outcome, or {@code null}.
     */
    default ClientCall client(HttpRequest request) {
        return null;
    }

    /** Offloaded work ({@code Request.offload}/{@code offloadCpu}) finished after waiting and running. */
    default void offloaded(boolean cpu, long waitNanos, long runNanos) {
    }

    /** The request is over: answered, refused, timed out or abandoned by its client. */
    void end(RequestEnd end);

    /** A scope from {@link #enter}; closing it restores what was current before. */
    @FunctionalInterface
    interface Scope extends AutoCloseable {
        Scope NONE = () -> { };

        @Override
        void close();
    }
}
