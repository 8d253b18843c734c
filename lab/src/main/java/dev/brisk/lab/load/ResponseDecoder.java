package dev.brisk.lab.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Netty's HTTP/1.1 response decoder (the decoding half of {@code HttpClientCodec}; requests are
 * written pre-encoded, so the encoding half is not needed), counting the bytes it reads and
 * knowing that answers to HEAD have no body. Threading: one per channel, on its event loop.
 */
final class ResponseDecoder extends HttpResponseDecoder {
    private static final HttpDecoderConfig CONFIG = new HttpDecoderConfig()
            .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))
            .setMaxHeaderSize(16 * 1024)
            .setMaxChunkSize(64 * 1024);

    private final LoopStats stats;
    private final boolean head;

    ResponseDecoder(LoopStats stats, boolean head) {
        super(CONFIG);
        this.stats = stats;
        this.head = head;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof ByteBuf b) {
            stats.bytesRead += b.readableBytes();
        }
        super.channelRead(ctx, msg);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        return head || super.isContentAlwaysEmpty(msg);
    }
}
