package dev.brisk;

import dev.brisk.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * A complete HTTP response: status, headers and body. Handlers return one when they need more than
 * "a value encoded as JSON with the route's status". Instances are immutable; the {@code with*} methods
 * return copies.
 *
 * <pre>{@code
 * return Response.text("Hello, World!");
 * return Response.json(item).withStatus(201).withHeader("Location", "/items/" + item.id());
 * return Response.redirect("/docs");
 * }</pre>
 *
 * <p><b>Streaming.</b> A body can also be produced while it is sent (chunked transfer encoding), or be
 * a file sent zero-copy. A streaming response is still returned from any lane; the server then pulls
 * blocking iterators on the worker lane and drives publishers on the event loop, asking for more only
 * while the client keeps up. When the client disconnects, the iterator is closed (if
 * {@link AutoCloseable}) or the subscription cancelled.
 *
 * <pre>{@code
 * app.get("/export", worker(req -> Response.stream(db.rowsAsCsvLines(), "text/csv")));     // Iterator<byte[]>
 * app.get("/ticks", loop(req -> CompletableFuture.completedFuture(
 *         Response.publisher(tickPublisher, "application/x-ndjson"))));                   // Flow.Publisher<byte[]>
 * app.get("/events", loopSafe(req -> Response.sse(eventPublisher)));                     // text/event-stream
 * app.get("/report", worker(req -> Response.file(Path.of("reports/latest.pdf"))));       // Content-Length, zero-copy
 * }</pre>
 */
public final class Response {
    /**
     * A header line; names keep their case as given, lookups ignore case. The name must be an RFC 9110
     * token and the value free of CR, LF and NUL: anything else throws {@link IllegalArgumentException}
     * here, when the header is made, so user input can never split a response (a handler that lets it
     * through answers 500, logged with its route, and nothing of the header reaches the wire).
     *
     * <pre>{@code
     * new Response.Header("X-Echo", userInput);   // throws if userInput holds "\r\n"
     * }</pre>
     */
    public record Header(String name, String value) {
        public Header {
            HeaderRules.checkName(name);
            HeaderRules.checkValue(name, value);
        }
    }

    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String APPLICATION_JSON = "application/json";
    public static final String TEXT_HTML = "text/html; charset=utf-8";
    public static final String OCTET_STREAM = "application/octet-stream";

    public static final String EVENT_STREAM = "text/event-stream";

    /** How often an SSE response sends a {@code : ping} comment unless told otherwise. */
    public static final Duration DEFAULT_SSE_KEEP_ALIVE = Duration.ofSeconds(15);

    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final String contentType;
    private final List<Header> headers;
    private final byte[] body;
    private final StreamingBody streaming;
    // A value from json(Object) that the app's mapper has not encoded yet (null otherwise): Brisk encodes
    // it on the way out with the app's Json (encodedWith), so a custom mapper writes these too.
    private final Object pendingJson;
    // body() of a pending value read outside an app: the default mapper's bytes, computed once.
    private byte[] defaultEncoded;

    private Response(int status, String contentType, List<Header> headers, byte[] body) {
        this(status, contentType, headers, body, null, null);
    }

    private Response(int status, String contentType, List<Header> headers, byte[] body, StreamingBody streaming) {
        this(status, contentType, headers, body, streaming, null);
    }

    private Response(int status, String contentType, List<Header> headers, byte[] body, StreamingBody streaming,
                     Object pendingJson) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("status " + status);
        if (contentType != null) HeaderRules.checkValue("content-type", contentType);
        this.status = status;
        this.contentType = contentType;
        this.headers = headers;
        this.body = body == null ? EMPTY : body;
        this.streaming = streaming;
        this.pendingJson = pendingJson;
    }

    /** A response with the given status, no body and no content type. */
    public static Response status(int status) {
        return new Response(status, null, List.of(), EMPTY);
    }

    /** Raw bytes with a content type. */
    public static Response bytes(int status, String contentType, byte[] body) {
        return new Response(status, contentType, List.of(), body);
    }

    /** {@code text/plain; charset=utf-8}, status 200. */
    public static Response text(String text) {
        return new Response(200, TEXT_PLAIN, List.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code text/html; charset=utf-8}, status 200. */
    public static Response html(String html) {
        return new Response(200, TEXT_HTML, List.of(), html.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Any value as JSON, status 200, encoded on the way out by the app's mapper ({@link BriskConfig#json},
     * the one that also reads bodies); {@link #body()} read outside an app uses Brisk's default mapper.
     */
    public static Response json(Object value) {
        if (value == null) return new Response(200, APPLICATION_JSON, List.of(), Json.defaultCodec().encode(null));
        return new Response(200, APPLICATION_JSON, List.of(), EMPTY, null, value);
    }

    /**
     * This response with its {@link #json(Object)} value encoded by {@code codec}; any other response as
     * it is. Brisk calls it with the app's mapper before middleware and the server see an answer.
     *
     * <pre>{@code
     * Json compact = new Json(Json.defaultMapperBuilder().build());
     * byte[] bytes = Response.json(Map.of("a", 1)).encodedWith(compact).body();
     * }</pre>
     */
    public Response encodedWith(Json codec) {
        if (pendingJson == null) return this;
        return new Response(status, contentType, headers, codec.encode(pendingJson), streaming, null);
    }

    /** Pre-encoded JSON bytes, status 200. */
    public static Response rawJson(byte[] json) {
        return new Response(200, APPLICATION_JSON, List.of(), json);
    }

    /** A 307 Temporary Redirect to {@code location}, as FastAPI's {@code RedirectResponse}. */
    public static Response redirect(String location) {
        return redirect(location, 307);
    }

    /**
     * A redirect with the given 3xx status. As Starlette does, the target is percent-encoded (UTF-8)
     * except for URL delimiters and {@code %}, so a {@code next} parameter holding CR/LF, spaces or
     * non-ASCII text becomes a harmless {@code %0D%0A}, {@code %20}, {@code %C3%A9}.
     *
     * <pre>{@code
     * return Response.redirect(req.queryParam("next"), 303);
     * }</pre>
     */
    public static Response redirect(String location, int status) {
        if (status < 300 || status > 399) throw new IllegalArgumentException("not a redirect: " + status);
        Objects.requireNonNull(location, "location");
        return new Response(status, null, List.of(new Header("location", HeaderRules.quoteUrl(location))), EMPTY);
    }

    /**
     * A chunked body pulled from a blocking iterator on the worker lane, one chunk at a time as the
     * socket drains. Closed at the end or on disconnect if it is {@link AutoCloseable}.
     *
     * <pre>{@code
     * return Response.stream(lines.map(l -> (l + "\n").getBytes(UTF_8)).iterator(), "text/plain");
     * }</pre>
     */
    public static Response stream(Iterator<byte[]> chunks, String contentType) {
        Objects.requireNonNull(chunks, "chunks");
        return streaming(contentType, new StreamingBody.Chunks(() -> chunks));
    }

    /** As {@link #stream(Iterator, String)}; {@code iterator()} is called when sending starts. */
    public static Response stream(Iterable<byte[]> chunks, String contentType) {
        Objects.requireNonNull(chunks, "chunks");
        return streaming(contentType, new StreamingBody.Chunks(chunks::iterator));
    }

    /**
     * A chunked body from a reactive publisher, written on the event loop with back-pressure: the
     * server requests one chunk at a time and only while the socket is writable.
     *
     * <pre>{@code
     * SubmissionPublisher<byte[]> pub = new SubmissionPublisher<>();
     * executor.submit(() -> { for (var row : rows) pub.submit(row); pub.close(); });
     * return Response.publisher(pub, "application/x-ndjson");
     * }</pre>
     */
    public static Response publisher(Flow.Publisher<byte[]> chunks, String contentType) {
        Objects.requireNonNull(chunks, "chunks");
        return streaming(contentType, new StreamingBody.Published(chunks));
    }

    /**
     * Server-Sent Events from a publisher, written on the event loop, with a {@code : ping} comment
     * every 15 s (see {@link #withKeepAlive}) so proxies keep the connection open.
     *
     * <pre>{@code
     * SubmissionPublisher<ServerSentEvent> events = new SubmissionPublisher<>();
     * prices.onChange(p -> events.submit(ServerSentEvent.of("price", p.toJson())));
     * return Response.sse(events).withKeepAlive(Duration.ofSeconds(30));
     * }</pre>
     */
    public static Response sse(Flow.Publisher<ServerSentEvent> events) {
        Objects.requireNonNull(events, "events");
        return eventStream(new StreamingBody.Published(SseEncoding.publisher(events)));
    }

    /** Server-Sent Events pulled from a blocking iterator on the worker lane. */
    public static Response sse(Iterator<ServerSentEvent> events) {
        Objects.requireNonNull(events, "events");
        return eventStream(new StreamingBody.Chunks(() -> SseEncoding.iterator(events)));
    }

    private static Response eventStream(StreamingBody events) {
        return new Response(200, EVENT_STREAM, List.of(new Header("cache-control", "no-cache"),
                new Header("x-accel-buffering", "no")), EMPTY, new StreamingBody.Events(events, DEFAULT_SSE_KEEP_ALIVE));
    }

    /**
     * A file, with its content type guessed from the name and a Content-Length, sent zero-copy.
     * A missing or unreadable file answers 404 {@code {"detail":"Not Found"}}.
     *
     * <pre>{@code
     * return Response.file(Path.of("static/logo.png"));
     * return Response.file(report).withHeader("content-disposition", "attachment; filename=\"report.pdf\"");
     * }</pre>
     */
    public static Response file(Path path) {
        Objects.requireNonNull(path, "path");
        long length;
        try {
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) throw new HttpException(404, "Not Found");
            length = Files.size(path);
        } catch (IOException e) {
            throw new HttpException(404, "Not Found");
        }
        return new Response(200, MediaTypes.guess(path), List.of(), EMPTY, new StreamingBody.FileBody(path, length));
    }

    /** {@code length} bytes of a file from {@code offset}, zero-copy; the caller checked the file (StaticFiles). */
    static Response fileRegion(Path path, long offset, long length, String contentType) {
        return new Response(200, contentType, List.of(), EMPTY, new StreamingBody.FileBody(path, offset, length));
    }

    private static Response streaming(String contentType, StreamingBody body) {
        return new Response(200, contentType == null ? OCTET_STREAM : contentType, List.of(), EMPTY, body);
    }

    public int status() {
        return status;
    }

    /** The streaming body, or {@code null} when the body is the in-memory {@link #body()}. */
    public StreamingBody streaming() {
        return streaming;
    }

    /** For an SSE response: how often to send a {@code : ping} comment ({@code Duration.ZERO}: never). */
    public Response withKeepAlive(Duration interval) {
        if (!(streaming instanceof StreamingBody.Events e)) {
            throw new IllegalStateException("withKeepAlive applies to Server-Sent Events responses only");
        }
        return new Response(status, contentType, headers, body, new StreamingBody.Events(e.events(), interval));
    }

    /** The content type, or {@code null} for a bodiless response. */
    public String contentType() {
        return contentType;
    }

    /** Extra headers, in order (content-type and content-length are not among them). */
    public List<Header> headers() {
        return headers;
    }

    /** The first header with this name (case-insensitive), or {@code null}. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) return h.value();
        }
        return null;
    }

    /** The body bytes; never {@code null} (empty for a streaming response). Do not modify. */
    public byte[] body() {
        if (pendingJson == null) return body;
        byte[] b = defaultEncoded;
        if (b == null) defaultEncoded = b = Json.defaultCodec().encode(pendingJson);
        return b;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body(), StandardCharsets.UTF_8);
    }

    public Response withStatus(int newStatus) {
        return new Response(newStatus, contentType, headers, body, streaming, pendingJson);
    }

    public Response withContentType(String newContentType) {
        return new Response(status, newContentType, headers, body, streaming, pendingJson);
    }

    /** Adds a header (repeatable, e.g. several {@code Set-Cookie}). */
    public Response withHeader(String name, String value) {
        Header added = new Header(name, value);
        // The first extra header (an X-Request-ID on every answer, with request ids on) as one small
        // immutable list rather than a list, its array and a wrapper.
        if (headers.isEmpty()) return new Response(status, contentType, List.of(added), body, streaming, pendingJson);
        List<Header> copy = new ArrayList<>(headers.size() + 1);
        copy.addAll(headers);
        copy.add(added);
        return new Response(status, contentType, Collections.unmodifiableList(copy), body, streaming, pendingJson);
    }

    /** Removes every header named {@code name} (case-insensitive); the body, streamed or not, is kept. */
    public Response withoutHeader(String name) {
        if (header(name) == null) return this;
        List<Header> copy = new ArrayList<>(headers.size());
        for (Header h : headers) {
            if (!h.name().equalsIgnoreCase(name)) copy.add(h);
        }
        return new Response(status, contentType, Collections.unmodifiableList(copy), body, streaming, pendingJson);
    }

    /**
     * Adds a {@code Set-Cookie} header with raw attributes, e.g.
     * {@code withCookie("session", "abc", "Path=/; HttpOnly")}. Name and value are checked by RFC 6265
     * as in {@link ResponseCookie}; prefer {@link #withCookie(ResponseCookie)}, which types the attributes.
     */
    public Response withCookie(String name, String value, String attributes) {
        ResponseCookie.checkName(name);
        ResponseCookie.checkValue(value);
        String cookie = name + "=" + value + (attributes == null || attributes.isEmpty() ? "" : "; " + attributes);
        return withHeader("set-cookie", cookie);
    }

    /**
     * Adds a {@code Set-Cookie} header, like Starlette's {@code response.set_cookie(...)}.
     *
     * <pre>{@code
     * return Response.text("in").withCookie(ResponseCookie.of("session", token)
     *         .maxAge(Duration.ofHours(1)).httpOnly(true).secure(true).sameSite(ResponseCookie.SameSite.STRICT));
     * }</pre>
     */
    public Response withCookie(ResponseCookie cookie) {
        return withHeader("set-cookie", cookie.encode());
    }

    /**
     * Adds a {@code Set-Cookie} that deletes cookie {@code name} at path {@code /}, like Starlette's
     * {@code delete_cookie} ({@code Max-Age=0} and an expiry in the past). For another path or domain,
     * use {@code withCookie(ResponseCookie.deleting(name).path(...).domain(...))}.
     */
    public Response withoutCookie(String name) {
        return withCookie(ResponseCookie.deleting(name));
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + contentType + ", "
                + (streaming != null ? "streaming]" : pendingJson != null ? "JSON value]" : body.length + " bytes]");
    }
}
