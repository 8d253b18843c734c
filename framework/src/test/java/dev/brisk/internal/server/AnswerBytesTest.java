package dev.brisk.internal.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brisk.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AnswerBytes} writes, byte for byte, what Netty's own {@code HttpServerCodec} writes for the
 * {@code FullHttpResponse} that {@link ResponseEncoder#encode} makes of the same answer, over a matrix of
 * statuses, content types, extra headers, body sizes (around the copy limit), HEAD, keep-alive and HTTP/1.0.
 */
class AnswerBytesTest {
    private static final int[] STATUSES = {200, 299, 422, 599};
    private static final String[] TYPES = {Response.APPLICATION_JSON, Response.TEXT_PLAIN, Response.TEXT_HTML,
            "application/x-thing; charset=utf-8", null};
    private static final int[] SIZES = {0, 13, AnswerBytes.COPY_BODY_MAX, AnswerBytes.COPY_BODY_MAX + 1};

    @Test
    void sameBytesAsNettysEncoder() {
        int compared = 0;
        for (String server : new String[] {null, "brisk-test/1.0"}) {
            ResponseEncoder encoder = new ResponseEncoder(server);
            for (int status : STATUSES) {
                for (String type : TYPES) {
                    for (int size : SIZES) {
                        for (int headers = 0; headers < 4; headers++) {
                            Response r = response(status, type, size, headers);
                            for (int flags = 0; flags < 8; flags++) {
                                boolean head = (flags & 1) != 0, keepAlive = (flags & 2) != 0, http10 = (flags & 4) != 0;
                                assertTrue(AnswerBytes.fits(r, keepAlive, http10));
                                String expected = viaNetty(encoder, r, head, keepAlive, http10);
                                String actual = viaRaw(encoder, r, head, keepAlive, http10);
                                assertEquals(expected, actual, status + " " + type + " " + size + " b, headers " + headers
                                        + ", head " + head + ", keep-alive " + keepAlive + ", HTTP/1.0 " + http10);
                                compared++;
                            }
                        }
                    }
                }
            }
            for (int flags = 0; flags < 8; flags++) {   // a large body, once per flag combination
                boolean head = (flags & 1) != 0, keepAlive = (flags & 2) != 0, http10 = (flags & 4) != 0;
                Response big = response(200, Response.APPLICATION_JSON, 70_000, 1);
                assertEquals(viaNetty(encoder, big, head, keepAlive, http10), viaRaw(encoder, big, head, keepAlive, http10));
                compared++;
            }
        }
        assertEquals(2 * (STATUSES.length * TYPES.length * SIZES.length * 4 * 8 + 8), compared);
    }

    @Test
    void leavesToTheEncoderWhatItRewrites() {
        for (int status : new int[] {100, 101, 103, 204, 205, 304}) {
            assertFalse(AnswerBytes.fits(Response.status(status), true, false), "status " + status);
        }
        assertFalse(AnswerBytes.fits(Response.stream(List.of("a".getBytes()), "text/plain"), true, false));
        Response withConnection = Response.text("x").withHeader("Connection", "upgrade");
        assertTrue(AnswerBytes.fits(withConnection, true, false));   // nothing of ours to set: kept as is
        assertFalse(AnswerBytes.fits(withConnection, false, false)); // ours would replace it: the encoder decides
        assertFalse(AnswerBytes.fits(withConnection, true, true));
    }

    private static Response response(int status, String type, int size, int headers) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'x');
        Response r = Response.bytes(status, type, body);
        if (headers >= 1) r = r.withHeader("X-Request-ID", "abc-123");
        if (headers >= 2) r = r.withHeader("Vary", "Origin").withCookie("session", "v1", "Path=/; HttpOnly");
        // text that is not ASCII: Latin-1 kept as its bytes, a char over 0xFF and each half of a surrogate pair '?'
        if (headers >= 3) r = r.withHeader("X-Latin", "caf\u00e9 \u00ff").withHeader("X-Wide", "\u20ac \ud83d\ude00 end");
        return r;
    }

    private static String viaNetty(ResponseEncoder encoder, Response r, boolean head, boolean keepAlive, boolean http10) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec());
        try {
            String req = (head ? "HEAD" : "GET") + " / HTTP/1." + (http10 ? "0" : "1") + "\r\nHost: x\r\n\r\n";
            ch.writeInbound(Unpooled.copiedBuffer(req, StandardCharsets.US_ASCII));
            Object in;
            while ((in = ch.readInbound()) != null) ReferenceCountUtil.release(in);
            ch.writeOutbound(encoder.encode(r, head, keepAlive, http10));
            List<ByteBuf> out = new ArrayList<>();
            ByteBuf b;
            while ((b = ch.readOutbound()) != null) out.add(b);
            return drain(out);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static String viaRaw(ResponseEncoder encoder, Response r, boolean head, boolean keepAlive, boolean http10) {
        List<ByteBuf> out = new ArrayList<>();
        out.add(AnswerBytes.head(r, head, keepAlive, http10, encoder.server(), ByteBufAllocator.DEFAULT));
        if (AnswerBytes.bodyFollows(r, head)) out.add(Unpooled.wrappedBuffer(r.body()));
        return drain(out);
    }

    // The bytes as text, the Date value masked (the two writes may straddle a second)
    private static String drain(List<ByteBuf> bufs) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuf b : bufs) {
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString().replaceFirst("\r\ndate: [^\r]*\r\n", "\r\ndate: *\r\n");
    }
}
