package dev.brisk.observe;

import java.net.http.HttpRequest;

/**
 * One outgoing call by {@link dev.brisk.client.BriskHttpClient}, as an {@link Observation} follows it
 * (a tracing client span). {@link #request} is what is actually sent (e.g. with a {@code traceparent}).
 */
public interface ClientCall {
    /** The request to send instead of the original. */
    HttpRequest request();

    /** The call ended: {@code status} is the response's, or -1 with {@code failure} set. */
    void end(int status, Throwable failure);
}
