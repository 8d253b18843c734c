package dev.brisk.internal.server;

import dev.brisk.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A full HTTP/1.1 answer written straight to bytes: status line, headers and (when small) the body in one
 * pooled buffer. Netty's path for the same answer builds a {@code DefaultFullHttpResponse} with a hashed
 * {@code DefaultHttpHeaders} (an entry object per header) that {@code HttpObjectEncoder} then walks back
 * out, about a sixth of the loop's Java time on {@code /plaintext} (JFR). The bytes are the ones
 * {@link ResponseEncoder#encode} and Netty's encoder produce, in the same order ({@code AnswerBytesTest}
 * compares them); answers that need the encoder's own rules keep that path: see {@link #fits}.
 */
final class AnswerBytes {
    private AnswerBytes() {}

    // Bodies up to this size go into the head's buffer (one write); larger ones follow as their own buffer,
    // wrapped, not copied
    static final int COPY_BODY_MAX = 1024;
    private static final byte[][] STATUS_LINES = new byte[600][];   // "HTTP/1.1 200 OK\r\n", made on first use
    private static final byte[] CONTENT_TYPE = ascii("content-type: ");
    private static final byte[] CONTENT_LENGTH = ascii("content-length: ");
    private static final byte[] DATE = ascii("date: ");
    private static final byte[] SERVER = ascii("server: ");
    private static final byte[] CLOSE = ascii("connection: close\r\n");
    private static final byte[] KEEP_ALIVE = ascii("connection: keep-alive\r\n");

    /**
     * Whether {@code r} can be written this way: a full (not streamed) answer with a status of 200-599 other
     * than 204, 205 and 304 (whose framing headers Netty's encoder rewrites), and no extra {@code Connection}
     * header when this writer sets one (Netty's {@code set} would drop the extra one).
     */
    static boolean fits(Response r, boolean keepAlive, boolean http10) {
        int s = r.status();
        if (s < 200 || s > 599 || s == 204 || s == 205 || s == 304 || r.streaming() != null) return false;
        if (keepAlive && !http10) return true;
        List<Response.Header> extra = r.headers();
        for (int i = 0, n = extra.size(); i < n; i++) {
            if (extra.get(i).name().equalsIgnoreCase("connection")) return false;
        }
        return true;
    }

    /**
     * The answer's bytes for a request ({@code head}: a HEAD request, so no body), in a buffer from
     * {@code alloc}; a body longer than {@link #COPY_BODY_MAX} is left out, for the caller to send behind
     * it ({@link #bodyFollows}).
     */
    static ByteBuf head(Response r, boolean head, boolean keepAlive, boolean http10, AsciiString server, ByteBufAllocator alloc) {
        byte[] body = r.body();
        boolean copyBody = !head && body.length > 0 && body.length <= COPY_BODY_MAX;
        String ct = r.contentType();
        List<Response.Header> extra = r.headers();
        int size = 160 + (ct == null ? 0 : ct.length()) + (server == null ? 0 : server.length()) + (copyBody ? body.length : 0);
        for (int i = 0, n = extra.size(); i < n; i++) size += extra.get(i).name().length() + extra.get(i).value().length() + 4;
        ByteBuf buf = alloc.ioBuffer(size);
        buf.writeBytes(statusLine(r.status()));
        if (ct != null) {
            buf.writeBytes(CONTENT_TYPE);
            text(buf, ResponseEncoder.contentType(ct));   // the encoder's pre-encoded common types
            crlf(buf);
        }
        buf.writeBytes(CONTENT_LENGTH);
        text(buf, ResponseEncoder.length(body.length));
        crlf(buf);
        buf.writeBytes(DATE);
        ByteBufUtil.copy(DateHeader.value(), buf);
        crlf(buf);
        if (server != null) {
            buf.writeBytes(SERVER);
            ByteBufUtil.copy(server, buf);
            crlf(buf);
        }
        for (int i = 0, n = extra.size(); i < n; i++) {
            Response.Header h = extra.get(i);   // checked when made: a token name, no CR/LF/NUL in the value
            text(buf, h.name());
            buf.writeShort(':' << 8 | ' ');
            text(buf, h.value());
            crlf(buf);
        }
        if (!keepAlive) buf.writeBytes(CLOSE);
        else if (http10) buf.writeBytes(KEEP_ALIVE);
        crlf(buf);
        if (copyBody) buf.writeBytes(body);
        return buf;
    }

    /**
     * Writes {@code r}'s bytes from {@code at}, the encoder's place in the pipeline (so past it, and through TLS
     * if any), a body over {@link #COPY_BODY_MAX} behind the head. Keep-alive: written, not flushed, and
     * {@code null} is returned; otherwise flushed, and the last write's future returned to close after it.
     */
    static ChannelFuture write(ChannelHandlerContext at, Response r, boolean head, boolean keepAlive, boolean http10, AsciiString server) {
        ByteBuf bytes = head(r, head, keepAlive, http10, server, at.alloc());
        ByteBuf body = bodyFollows(r, head) ? Unpooled.wrappedBuffer(r.body()) : null;
        if (keepAlive || body != null) at.write(bytes, at.voidPromise());
        if (keepAlive) {
            if (body != null) at.write(body, at.voidPromise());
            return null;
        }
        return at.writeAndFlush(body != null ? body : bytes);
    }

    /** Whether {@link #head} left the body out: the caller sends it behind the head. */
    static boolean bodyFollows(Response r, boolean head) {
        return !head && r.body().length > COPY_BODY_MAX;
    }

    private static void crlf(ByteBuf buf) {
        buf.writeShort('\r' << 8 | '\n');
    }

    // As Netty's encoder writes a header value: an AsciiString's bytes copied whole, any other text as US-ASCII,
    // which in Netty keeps a char up to 0xFF as its byte and makes any other one '?'. A String goes through
    // getBytes(ISO_8859_1), the same bytes (a copy of a Latin-1 string's own), then one copy into the buffer:
    // Netty's writeCharSequence went char by char into direct memory, and with request ids on, writing the
    // X-Request-ID header that way was 1.9 % of the observed seed's CPU samples. A surrogate pair is one '?'
    // in getBytes and two in Netty, so text holding one (the bytes come out shorter) keeps Netty's way.
    private static void text(ByteBuf buf, CharSequence s) {
        if (s instanceof AsciiString a) {
            ByteBufUtil.copy(a, buf);
        } else if (s instanceof String str) {
            byte[] b = str.getBytes(StandardCharsets.ISO_8859_1);
            if (b.length == str.length()) buf.writeBytes(b);
            else buf.writeCharSequence(s, StandardCharsets.US_ASCII);
        } else {
            buf.writeCharSequence(s, StandardCharsets.US_ASCII);
        }
    }

    private static byte[] statusLine(int status) {
        byte[] line = STATUS_LINES[status];
        if (line == null) {
            // racy on purpose: two loops making the same line at once both get equal bytes
            HttpResponseStatus s = HttpResponseStatus.valueOf(status);
            line = ascii("HTTP/1.1 " + s.codeAsText() + " " + s.reasonPhrase() + "\r\n");
            STATUS_LINES[status] = line;
        }
        return line;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
