package dev.brisk.internal.server;

import dev.brisk.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/**
 * Brisk {@link Response} → Netty response. Hot path: common header names and content types are
 * pre-encoded {@link AsciiString}s, Netty's header validation is off because every header was already
 * checked where it was made ({@code Response.Header}, the content type and the server header refuse a
 * non-token name and CR/LF/NUL in a value), and the body array is wrapped, never copied.
 */
final class ResponseEncoder {
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final AsciiString JSON = AsciiString.cached(Response.APPLICATION_JSON);
    private static final AsciiString TEXT = AsciiString.cached(Response.TEXT_PLAIN);
    private static final AsciiString HTML = AsciiString.cached(Response.TEXT_HTML);

    private final AsciiString server;

    ResponseEncoder(String serverHeader) {
        if (serverHeader != null) new Response.Header("server", serverHeader); // refuses CR/LF at start-up
        this.server = serverHeader == null ? null : AsciiString.cached(serverHeader);
    }

    /** The Server header's value, or {@code null} for none. */
    AsciiString server() {
        return server;
    }

    FullHttpResponse encode(Response r, boolean head, boolean keepAlive, boolean http10) {
        byte[] body = r.body();
        ByteBuf content = head || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        // Brisk never sends trailers on a full response: share the empty instance, one allocation less per answer
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), content, HEADERS.newHeaders(), EmptyHttpHeaders.INSTANCE);
        HttpHeaders h = res.headers();
        String ct = r.contentType();
        if (ct != null) h.set(HttpHeaderNames.CONTENT_TYPE, contentType(ct));
        if (bodyAllowed(r.status())) h.set(HttpHeaderNames.CONTENT_LENGTH, length(body.length));
        common(h, r, keepAlive, http10);
        return res;
    }

    /**
     * The head of a streaming response: Content-Length when known ({@code length >= 0}), else chunked
     * on HTTP/1.1, else (HTTP/1.0) no framing header and the connection closes after the body.
     */
    HttpResponse encodeHead(Response r, boolean keepAlive, boolean http10, long length) {
        DefaultHttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(r.status()), HEADERS);
        HttpHeaders h = res.headers();
        String ct = r.contentType();
        if (ct != null) h.set(HttpHeaderNames.CONTENT_TYPE, contentType(ct));
        if (length >= 0) h.set(HttpHeaderNames.CONTENT_LENGTH, length);
        else if (!http10) h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        common(h, r, keepAlive, http10);
        return res;
    }

    // Headers every answer carries, full or streamed.
    private void common(HttpHeaders h, Response r, boolean keepAlive, boolean http10) {
        h.set(HttpHeaderNames.DATE, DateHeader.value());
        if (server != null) h.set(HttpHeaderNames.SERVER, server);
        // indexed: the for-each made an iterator per answer (a List.of, which is random-access)
        java.util.List<Response.Header> extra = r.headers();
        for (int i = 0, n = extra.size(); i < n; i++) h.add(extra.get(i).name(), extra.get(i).value());
        if (!keepAlive) h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        else if (http10) h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }

    // Content-Length values of small bodies, formatted once (Integer.toString showed in allocation profiles)
    private static final AsciiString[] LENGTHS = new AsciiString[2048];

    static {
        for (int i = 0; i < LENGTHS.length; i++) LENGTHS[i] = AsciiString.cached(Integer.toString(i));
    }

    static CharSequence length(int n) {
        return n < LENGTHS.length ? LENGTHS[n] : Integer.toString(n);
    }

    static CharSequence contentType(String ct) {
        return switch (ct) {
            case Response.APPLICATION_JSON -> JSON;
            case Response.TEXT_PLAIN -> TEXT;
            case Response.TEXT_HTML -> HTML;
            default -> ct;
        };
    }

    private static boolean bodyAllowed(int status) {
        return status >= 200 && status != 204 && status != 304;
    }
}
