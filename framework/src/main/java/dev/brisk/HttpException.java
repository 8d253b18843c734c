package dev.brisk;

import java.util.Map;

/**
 * Ends a request with an HTTP error answered as {@code {"detail": ...}}, like FastAPI's
 * {@code HTTPException}. The detail may be any JSON-encodable value.
 *
 * <pre>{@code
 * throw new HttpException(404, "Item not found");
 * throw new HttpException(401, "Not authenticated", Map.of("WWW-Authenticate", "Bearer"));
 * }</pre>
 */
public class HttpException extends RuntimeException {
    private final int status;
    private final transient Object detail;
    private final Map<String, String> headers;

    public HttpException(int status, Object detail, Map<String, String> headers) {
        super(status + ": " + detail, null, false, false);
        if (status < 100 || status > 599) throw new IllegalArgumentException("status " + status);
        this.status = status;
        this.detail = detail;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
        // checked here, where the developer's code builds it, so a bad header fails the route with a 500
        for (Map.Entry<String, String> h : this.headers.entrySet()) new Response.Header(h.getKey(), h.getValue());
    }

    public HttpException(int status, Object detail) {
        this(status, detail, Map.of());
    }

    /** An exception with the status's standard reason phrase as detail (e.g. "Not Found"). */
    public HttpException(int status) {
        this(status, Status.reason(status), Map.of());
    }

    public int status() {
        return status;
    }

    public Object detail() {
        return detail;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
