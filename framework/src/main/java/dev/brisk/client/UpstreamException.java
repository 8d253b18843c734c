package dev.brisk.client;

import dev.brisk.HttpException;

/**
 * An upstream that could not be reached or did not answer in time, as {@link BriskHttpClient} reports
 * it: a 502 {@code {"detail":"Bad Gateway"}} (refused, reset, unknown host, broken response) or a 504
 * {@code {"detail":"Gateway Timeout"}} (connect or request timeout), as a reverse proxy would answer.
 * Not logged per request: the client logs one line per upstream and interval instead. Catch it to fall
 * back:
 *
 * <pre>{@code
 * try {
 *     return http.get(pricing + "/quote").text();
 * } catch (UpstreamException e) {
 *     return cachedQuote();
 * }
 * }</pre>
 */
public final class UpstreamException extends HttpException {
    private final String upstream;
    private final transient Throwable reason; // HttpException fixes its cause to null: kept here instead

    UpstreamException(int status, String upstream, Throwable cause) {
        super(status, status == 504 ? "Gateway Timeout" : "Bad Gateway");
        this.upstream = upstream;
        this.reason = cause;
    }

    @Override
    public synchronized Throwable getCause() {
        return reason;
    }

    /** The upstream's {@code scheme://host:port}. */
    public String upstream() {
        return upstream;
    }
}
