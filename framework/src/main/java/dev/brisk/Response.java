package dev.brisk;

import dev.brisk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

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
 */
public final class Response {
    /** A header line; names keep their case as given, lookups ignore case. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public static final String TEXT_PLAIN = "text/plain; charset=utf-8";
    public static final String APPLICATION_JSON = "application/json";
    public static final String TEXT_HTML = "text/html; charset=utf-8";
    public static final String OCTET_STREAM = "application/octet-stream";

    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final String contentType;
    private final List<Header> headers;
    private final byte[] body;

    private Response(int status, String contentType, List<Header> headers, byte[] body) {
        if (status < 100 || status > 599) throw new IllegalArgumentException("status " + status);
        this.status = status;
        this.contentType = contentType;
        this.headers = headers;
        this.body = body == null ? EMPTY : body;
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

    /** Any value encoded as JSON with Brisk's default mapper, status 200. */
    public static Response json(Object value) {
        return new Response(200, APPLICATION_JSON, List.of(), Json.defaultCodec().encode(value));
    }

    /** Pre-encoded JSON bytes, status 200. */
    public static Response rawJson(byte[] json) {
        return new Response(200, APPLICATION_JSON, List.of(), json);
    }

    /** A 307 Temporary Redirect to {@code location}, as FastAPI's {@code RedirectResponse}. */
    public static Response redirect(String location) {
        return redirect(location, 307);
    }

    /** A redirect with the given 3xx status. */
    public static Response redirect(String location, int status) {
        if (status < 300 || status > 399) throw new IllegalArgumentException("not a redirect: " + status);
        return new Response(status, null, List.of(new Header("location", location)), EMPTY);
    }

    public int status() {
        return status;
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

    /** The body bytes; never {@code null}. Do not modify. */
    public byte[] body() {
        return body;
    }

    /** The body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Response withStatus(int newStatus) {
        return new Response(newStatus, contentType, headers, body);
    }

    public Response withContentType(String newContentType) {
        return new Response(status, newContentType, headers, body);
    }

    /** Adds a header (repeatable, e.g. several {@code Set-Cookie}). */
    public Response withHeader(String name, String value) {
        List<Header> copy = new ArrayList<>(headers.size() + 1);
        copy.addAll(headers);
        copy.add(new Header(name, value));
        return new Response(status, contentType, Collections.unmodifiableList(copy), body);
    }

    /** Adds a {@code Set-Cookie} header, e.g. {@code withCookie("session", "abc", "Path=/; HttpOnly")}. */
    public Response withCookie(String name, String value, String attributes) {
        String cookie = name + "=" + value + (attributes == null || attributes.isEmpty() ? "" : "; " + attributes);
        return withHeader("set-cookie", cookie);
    }

    @Override
    public String toString() {
        return "Response[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }
}
