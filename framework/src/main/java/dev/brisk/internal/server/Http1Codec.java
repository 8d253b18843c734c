package dev.brisk.internal.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.CombinedChannelDuplexHandler;
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
 * The HTTP/1 codec of every connection (pipeline name {@code codec}): Netty's request decoder and response
 * encoder, as {@code HttpServerCodec} pairs them, without that codec's queue of request methods.
 *
 * <p>Why not {@code HttpServerCodec}: its encoder learns whether an answer is to a HEAD request by taking
 * one method off that queue per response object it encodes, so every answer would have to go through it.
 * {@link ConnectionHandler} writes most full answers as ready bytes ({@link AnswerBytes}) past the encoder,
 * and knows each request's method itself. What the queue also did is kept where it belongs: the limit on
 * unanswered pipelined requests is {@link ConnectionHandler}'s, and a request that had both
 * Transfer-Encoding and Content-Length (RFC 9112 §6.3: the connection must close after the answer) is marked
 * {@code Connection: close} here, so its answer says so and the connection closes after it.
 */
final class Http1Codec extends CombinedChannelDuplexHandler<Http1Codec.Decoder, Http1Codec.Encoder>
        implements HttpServerUpgradeHandler.SourceCodec {

    Http1Codec(HttpDecoderConfig config) {
        init(new Decoder(config), new Encoder());
    }

    /**
     * Tells the encoder whether the response object written next answers a HEAD request (its head then
     * frames no body: no chunk terminator either). {@link ConnectionHandler} calls it right before each
     * response it writes through the encoder, on the loop, so the flag is used by that write and only it.
     */
    void nextAnswersHead(boolean head) {
        outboundHandler().head = head;
    }

    /** h2c upgrade: the HTTP/1 codec leaves the pipeline (as {@code HttpServerCodec} does). */
    @Override
    public void upgradeFrom(ChannelHandlerContext ctx) {
        ctx.pipeline().remove(this);
    }

    static final class Encoder extends HttpResponseEncoder {
        private boolean head;

        @Override
        protected boolean isContentAlwaysEmpty(HttpResponse msg) {
            if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) return super.isContentAlwaysEmpty(msg);
            boolean h = head;
            head = false;
            return h || super.isContentAlwaysEmpty(msg);
        }
    }

    static final class Decoder extends HttpRequestDecoder {
        Decoder(HttpDecoderConfig config) {
            super(config);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
    }
}
