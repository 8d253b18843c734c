package dev.brisk;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * One HTTP request, as a handler sees it. Safe to read from whichever lane runs the handler. The
 * body is fully read before the handler runs (up to the configured maximum).
 *
 * <pre>{@code
 * app.get("/items/{item_id}", worker(req -> Map.of(
 *         "item_id", req.pathParam("item_id"),
 *         "q", req.queryParam("q"),
 *         "agent", req.header("User-Agent"))));
 * }</pre>
 */
public interface Request {

    /** The method, upper case ({@code GET}; a HEAD request served by a GET route says {@code HEAD}). */
    String method();

    /** The raw path without the query string, still percent-encoded. */
    String path();

    /** The raw request target as sent, e.g. {@code /items/1?q=x}. */
    String uri();

    /** The raw query string without '?', or the empty string. */
    String rawQuery();

    /** The protocol, e.g. {@code HTTP/1.1}. */
    String protocol();

    /** The matched route's path template, e.g. {@code /items/{item_id}}. */
    String routeTemplate();

    /** A decoded path parameter, or {@code null} if the template has no such name. */
    String pathParam(String name);

    /** All decoded path parameters. */
    Map<String, String> pathParams();

    /** The first value of a query parameter, or {@code null}. */
    String queryParam(String name);

    /** All values of a repeated query parameter ({@code ?tag=a&tag=b}), possibly empty. */
    List<String> queryParams(String name);

    /** Every query parameter with its values, in order of first appearance. */
    Map<String, List<String>> queryParamMap();

    /** The first value of a header (case-insensitive name), or {@code null}. */
    String header(String name);

    /** All values of a header, possibly empty. */
    List<String> headers(String name);

    /** Every header as (name, value) pairs, in arrival order. */
    List<Map.Entry<String, String>> headerEntries();

    /** A cookie's value, or {@code null}. */
    String cookie(String name);

    /** All cookies sent with the request. */
    Map<String, String> cookies();

    /** The body bytes (empty, never {@code null}). */
    byte[] body();

    /**
     * The body as a read-only buffer, without a copy. A body larger than
     * {@link BriskConfig#spillThreshold(int)} was written to a temporary file while it arrived; here it
     * is memory-mapped from that file, so it costs no heap (the file is deleted after the response).
     *
     * <pre>{@code
     * ByteBuffer upload = req.bodyBuffer();   // 200 MB upload: mapped, not copied onto the heap
     * }</pre>
     */
    default java.nio.ByteBuffer bodyBuffer() {
        return java.nio.ByteBuffer.wrap(body()).asReadOnlyBuffer();
    }

    /** The body's length in bytes. */
    default long bodyLength() {
        return body().length;
    }

    /** The body decoded as UTF-8. */
    String bodyText();

    /** The body parsed as JSON into {@code type} with the app's mapper. */
    <T> T bodyAs(Class<T> type);

    /**
     * The session of {@link dev.brisk.middleware.SessionMiddleware}: a mutable, dict-like map of
     * JSON-encodable values kept in a signed cookie, like Starlette's {@code request.session}.
     *
     * <pre>{@code
     * req.session().put("user", "alice");
     * String user = (String) req.session().get("user");
     * req.session().clear();   // the response deletes the cookie
     * }</pre>
     *
     * @throws IllegalStateException when no SessionMiddleware is installed
     */
    @SuppressWarnings("unchecked")
    default Map<String, Object> session() {
        Object s = attributes().get(dev.brisk.middleware.SessionMiddleware.ATTRIBUTE);
        if (s == null) throw new IllegalStateException("SessionMiddleware must be installed to access request.session");
        return (Map<String, Object>) s;
    }

    /** The TCP peer's address: the client, or the nearest proxy. See {@link #client()}. */
    InetSocketAddress remoteAddress();

    /**
     * The client's address and port (Starlette's {@code request.client}): the TCP peer, or, behind a
     * trusted proxy ({@link Deployment#forwardedAllowIps}), the address it forwarded (port 0 when the
     * proxy did not say).
     *
     * <pre>{@code
     * app.get("/whoami", loopSafe(req -> Map.of("ip", req.client().getAddress().getHostAddress(),
     *         "scheme", req.scheme(), "url", req.url())));
     * }</pre>
     */
    default InetSocketAddress client() {
        return remoteAddress();
    }

    /** {@code http} or {@code https}: the connection's own, or what a trusted proxy forwarded. */
    default String scheme() {
        return "http";
    }

    /** The root path the app is served under ({@link Deployment#rootPath}), or the empty string. */
    default String rootPath() {
        return "";
    }

    /**
     * The full URL the client asked for: {@code scheme://host} + root path + {@link #uri()}, with the
     * scheme and host a trusted proxy forwarded.
     */
    default String url() {
        String h = header("host");
        return scheme() + "://" + (h == null ? "localhost" : h) + rootPath() + uri();
    }

    /** Per-request attributes shared by middleware, dependencies and the handler. */
    Map<String, Object> attributes();

    /**
     * The application's shared state ({@link Brisk#state()}), e.g. what a {@link Lifespan} start-up
     * returned: {@code req.appState().get("model", Model.class)}.
     */
    default State appState() {
        throw new UnsupportedOperationException("this Request has no application state");
    }

    /** The event loop that owns this request's connection. */
    Loop loop();

    /**
     * Runs blocking work on the worker lane and returns a stage that completes <b>on this request's
     * event loop</b> (seed 002's {@code run_in_executor}): code chained after it is loop-confined.
     */
    <T> CompletionStage<T> offload(Callable<T> work);

    /** As {@link #offload(Callable)}, failing the stage with a {@code TimeoutException} after {@code timeout}. */
    <T> CompletionStage<T> offload(Callable<T> work, Duration timeout);

    /** Runs CPU-bound work on the CPU pool (one thread per core); completes on this request's loop. */
    <T> CompletionStage<T> offloadCpu(Callable<T> work);

    /**
     * Brings a stage completed on another library's threads back onto this request's loop, marked as
     * this route's code for the watchdog: {@code loop().adopt(stage)}. See {@link Loop#adopt}.
     *
     * <pre>{@code
     * app.get("/cached/{key}", loop(req -> req.adopt(redis.get(req.pathParam("key")))
     *         .thenApply(value -> Map.of("value", value))));
     * }</pre>
     */
    default <T> CompletionStage<T> adopt(CompletionStage<T> stage) {
        return loop().adopt(stage);
    }

    /** A non-blocking sleep: a timer on the loop, no thread held. Completes on this request's loop. */
    CompletionStage<Void> sleep(Duration duration);

    /** Whether the client is still connected. Cheap; usable from any lane (FastAPI cannot from a {@code def}). */
    boolean isConnected();
}
