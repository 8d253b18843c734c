package dev.brisk.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * The HTTP/1 codec of every connection: Netty's request decoder (pipeline name {@value #DECODER}) and
 * response encoder ({@value #ENCODER}, right after it), as two plain stages rather than Netty's
 * {@code HttpServerCodec}.
 *
 * <p>Why not {@code HttpServerCodec}: its encoder learns whether an answer is to a HEAD request by taking one
 * method off a queue per response object it encodes, so every answer would have to go through it, and as a
 * combined handler it adds a delegation hop to every read. {@link ConnectionHandler} writes most full answers
 * as ready bytes ({@link AnswerBytes}) from the encoder's place in the pipeline, past it, and knows each
 * request's method itself: it tells the encoder about HEAD for the response objects that still go through
 * it. What the queue also did is kept where it belongs: the limit on unanswered pipelined requests is
 * {@link ConnectionHandler}'s, and a request with both Transfer-Encoding and Content-Length (RFC 9112 §6.3:
 * the connection must close after the answer) is marked {@code Connection: close} here.
 */
final class Http1Codec {
    static final String DECODER = "codec";
    static final String ENCODER = "encoder";

    private Http1Codec() {}

    /** Adds the decoder and the encoder at the pipeline's end. */
    static void addLast(ChannelPipeline p, HttpDecoderConfig config) {
        p.addLast(DECODER, new Decoder(config)).addLast(ENCODER, new Encoder());
    }

    /** For h2c's upgrade handler: an upgrade removes both stages, as {@code HttpServerCodec} removes itself. */
    static final HttpServerUpgradeHandler.SourceCodec SOURCE = Http1Codec::remove;

    private static void remove(ChannelHandlerContext ctx) {
        ChannelPipeline p = ctx.pipeline();
        if (p.get(ENCODER) != null) p.remove(ENCODER);
        if (p.get(DECODER) != null) p.remove(DECODER);
    }

    static final class Encoder extends HttpResponseEncoder {
        private boolean head;

        /**
         * Whether the response object written next answers a HEAD request (its head then frames no body, not
         * even a chunk terminator). Set on the loop right before that write, so only that write sees it.
         */
        void nextAnswersHead(boolean answersHead) {
            this.head = answersHead;
        }

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) return super.isContentAlwaysEmpty(msg);
            boolean h = head;
            head = false;
            return h || super.isContentAlwaysEmpty(msg);
        }
    }

    /**
     * Netty's request decoder with RFC 9112 §3's request line on top (Netty's own parser takes any run of
     * spaces, tabs and other whitespace between the parts, and any protocol name): exactly one space before
     * the target and before the version, and a version spelled {@code HTTP/}. Checked in the hooks Netty calls
     * with each part's place in the line it already copied, so it costs no pass of its own; a refusal becomes
     * the head's decoder failure, which {@link HeadRules} answers with 400. (Leading whitespace before the
     * method, which Netty skips before these hooks, is {@link RequestGuard}'s to see.)
     */
    static final class Decoder extends HttpRequestDecoder {
        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected String splitSecondWordInitialLine(byte[] line, int start, int length) {
            singleSpaceBefore(line, start);
            return super.splitSecondWordInitialLine(line, start, length);
        }

        @Override
        protected String splitThirdWordInitialLine(byte[] line, int start, int length) {
            singleSpaceBefore(line, start);
            if (length < 5 || line[start] != 'H' || line[start + 1] != 'T' || line[start + 2] != 'T' || line[start + 3] != 'P'
                    || line[start + 4] != '/') {
                throw new RequestGuard.Refused(400, "malformed HTTP version");
            }
            return super.splitThirdWordInitialLine(line, start, length);
        }

        // The part at `start` follows the one before it after exactly one SP: Netty found the part boundaries by
        // skipping SP, HTAB, VT, FF and CR, so the byte two back is the previous part's last if there was one separator
        private static void singleSpaceBefore(byte[] line, int start) {
            if (start < 2 || line[start - 1] != ' ' || isSeparator(line[start - 2])) {
                throw new RequestGuard.Refused(400, "malformed request line");
            }
        }

        private static boolean isSeparator(byte b) {
            return b == ' ' || b == '\t' || b == 0x0b || b == 0x0c || b == '\r';
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }
}
