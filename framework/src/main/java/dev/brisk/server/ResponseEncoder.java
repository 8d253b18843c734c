package dev.brisk.server;

import dev.brisk.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/**
 * Brisk {@link Response} → Netty response. Hot path: common header names and content types are
 * pre-encoded {@link AsciiString}s, header validation is off (values come from our own code or were
 * validated by {@code Response}), and the body array is wrapped, never copied.
 */
final class ResponseEncoder {
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory().withValidation(false);
    private static final HttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory().withValidation(false);
    private static final AsciiString JSON = AsciiString.cached(Response.APPLICATION_JSON);
    private static final AsciiString TEXT = AsciiString.cached(Response.TEXT_PLAIN);
    private static final AsciiString HTML = AsciiString.cached(Response.TEXT_HTML);

    private final AsciiString server;

    ResponseEncoder(String serverHeader) {
        this.server = serverHeader == null ? null : AsciiString.cached(serverHeader);
    }

    FullHttpResponse encode(Response r, boolean head, boolean keepAlive, boolean http10) {
        byte[] body = r.body();
        ByteBuf content = head || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), content, HEADERS, TRAILERS);
        HttpHeaders h = res.headers();
        String ct = r.contentType();
        if (ct != null) h.set(HttpHeaderNames.CONTENT_TYPE, contentType(ct));
        if (bodyAllowed(r.status())) h.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        h.set(HttpHeaderNames.DATE, DateHeader.value());
        if (server != null) h.set(HttpHeaderNames.SERVER, server);
        for (Response.Header x : r.headers()) h.add(x.name(), x.value());
        if (!keepAlive) h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        else if (http10) h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        return res;
    }

    private static CharSequence contentType(String ct) {
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
