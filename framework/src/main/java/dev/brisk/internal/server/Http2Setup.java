package dev.brisk.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * HTTP/2 for the server: the same handlers, lanes, middleware and encoder as HTTP/1.1, because every
 * HTTP/2 stream is a child channel whose pipeline turns frames into HTTP/1 objects
 * ({@link Http2StreamFrameToHttpObjectCodec}) for its own {@link ConnectionHandler}. One stream carries
 * one request, so that handler's in-order queue never holds more than one exchange, and its
 * keep-alive decision only ever closes the stream (the codec drops Connection headers).
 *
 * <p>How a connection gets here:
 * <ul>
 * <li>clear text, prior knowledge ({@code curl --http2-prior-knowledge}, h2load): the connection's
 *     first bytes are HTTP/2's preface; {@link PriorKnowledge} sees them and swaps the HTTP/1 pipeline
 *     for the HTTP/2 one;</li>
 * <li>clear text, {@code Upgrade: h2c} on the first request ({@code curl --http2}): answered 101, and
 *     the request becomes stream 1. Only a first request without a body is upgraded (RFC 9113 dropped
 *     the mechanism; clients use it on the first request only), and the upgrade handler leaves the
 *     pipeline after that request, so later requests pay nothing;</li>
 * <li>TLS: ALPN picks {@code h2} or {@code http/1.1}, see {@link Http2Tls}.</li>
 * </ul>
 *
 * <p>Everything after the switch point in the pipeline is the HTTP/1 stack and is replaced as a whole,
 * so handlers added there (WebSocket upgrades, for instance) need no HTTP/2 knowledge.
 */
final class Http2Setup {
    static final String DETECT = "h2c-detect";
    static final String UPGRADE = "h2c-upgrade";
    private static final AsciiString H2C = AsciiString.cached("h2c");

    private Http2Setup() {}

    /**
     * Adds clear-text HTTP/2 (prior knowledge and Upgrade) to an HTTP/1 pipeline whose codec is named
     * {@code codec}; called by the channel initializer after it built that pipeline.
     */
    static void addCleartext(ChannelPipeline p, ServerContext server) {
        p.addBefore("codec", DETECT, new PriorKnowledge(server));
        // after the encoder: the upgrade handler's own answers (a 101, a refusal) go out through it
        p.addAfter(Http1Codec.ENCODER, UPGRADE, new HttpServerUpgradeHandler(Http1Codec.SOURCE, protocol ->
                H2C.contentEqualsIgnoreCase(protocol) ? new Upgrade(server) : null,
                64 * 1024, true) {
            @Override
            protected boolean shouldHandleUpgradeRequest(HttpRequest req) {
                return wantsH2c(req.headers()) && !hasBody(req);
            }

            // Only the first request may upgrade: once a first request has passed that does not (an upgrade
            // removes the handler itself), the handler leaves the pipeline, so later requests on a keep-alive
            // connection do not pay a decoder stage.
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                boolean plain = msg instanceof HttpRequest req && !shouldHandleUpgradeRequest(req);
                super.channelRead(ctx, msg);
                if (plain && ctx.pipeline().context(this) != null) ctx.pipeline().remove(this);
            }
        });
    }

    private static boolean wantsH2c(HttpHeaders h) {
        String upgrade = h.get(HttpHeaderNames.UPGRADE);
        if (upgrade == null) return false;
        for (String token : upgrade.split(",")) {
            if (token.trim().equalsIgnoreCase("h2c")) return true;
        }
        return false;
    }

    private static boolean hasBody(HttpRequest req) {
        return HttpUtil.isTransferEncodingChunked(req) || HttpUtil.getContentLength(req, 0L) > 0;
    }

    /** Replaces every handler after {@code after} (the HTTP/1 stack) by the HTTP/2 connection handlers. */
    static void switchToHttp2(ChannelHandlerContext after, ServerContext server) {
        RequestGuard.uninstall(after.pipeline());
        removeAfter(after);
        Http2FrameCodec codec = frameCodec(server);
        after.pipeline().addAfter(after.name(), "h2", codec)
                .addAfter("h2", "h2-streams", multiplexer(server))
                .addAfter("h2-streams", "h2-connection", new ConnectionIdle(codec));
    }

    private static void removeAfter(ChannelHandlerContext after) {
        List<String> names = new ArrayList<>();
        boolean past = false;
        for (Map.Entry<String, ChannelHandler> e : after.pipeline()) {
            if (past) names.add(e.getKey());
            else if (e.getValue() == after.handler()) past = true;
        }
        for (String n : names) after.pipeline().remove(n);
    }

    static Http2FrameCodec frameCodec(ServerContext server) {
        var config = server.config();
        Http2Settings settings = Http2Settings.defaultSettings()
                .maxConcurrentStreams(config.http2MaxStreams())
                .initialWindowSize(config.http2StreamWindow())
                .maxHeaderListSize(config.maxHeaderSize());
        return Http2FrameCodecBuilder.forServer()
                .initialSettings(settings)
                .validateHeaders(true)
                .gracefulShutdownTimeoutMillis(config.shutdownTimeout().toMillis())
                .build();
    }

    private static final AsciiString STREAM_ID = HttpConversionUtil.ExtensionHeaderNames.STREAM_ID.text();

    /**
     * Turns a stream's frames into HTTP/1 objects and back. Stateless and {@code @Sharable} (the scheme it
     * needs is kept on the connection's channel): one for all streams. Netty's conversion adds the stream
     * id as an {@code x-http2-stream-id} header; the client never sent it, so the app does not see it.
     */
    private static final Http2StreamFrameToHttpObjectCodec TO_HTTP1 = new Http2StreamFrameToHttpObjectCodec(true, false) {
        @Override
        protected void decode(ChannelHandlerContext ctx, Http2StreamFrame frame, List<Object> out) throws Exception {
            super.decode(ctx, frame, out);
            for (Object o : out) if (o instanceof HttpRequest r) r.headers().remove(STREAM_ID);
        }
    };

    static Http2MultiplexHandler multiplexer(ServerContext server) {
        return new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
            @Override
            protected void initChannel(Http2StreamChannel ch) {
                ch.pipeline()
                        .addLast("h2-http1", TO_HTTP1)
                        .addLast("brisk", new ConnectionHandler(server));
            }
        });
    }

    /**
     * How a stream ends where HTTP/1.1 would close the connection: a rejected request (413 while the
     * client is still sending its body) gets its whole answer, then RST_STREAM NO_ERROR, which tells the
     * client to stop sending and to keep the answer (RFC 9113 §8.1); closing the stream would send
     * CANCEL, and clients drop the answer with it. A half-sent answer is cancelled.
     */
    static final ChannelFutureListener END_STREAM = f -> {
        Http2StreamChannel ch = (Http2StreamChannel) f.channel();
        if (f.isSuccess() && ch.stream().state() == Http2Stream.State.HALF_CLOSED_LOCAL) {
            ch.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR));
        } else {
            ch.close();
        }
    };

    /** On server stop: an HTTP/2 connection closes gracefully (GOAWAY, running streams finish); false if not HTTP/2. */
    static boolean goAway(Channel ch) {
        if (ch.pipeline().get(Http2FrameCodec.class) == null) return false;
        ch.close();
        return true;
    }

    /**
     * Sees whether a clear-text connection starts with HTTP/2's preface. Netty's
     * {@code CleartextHttp2ServerUpgradeHandler} does the same but owns the HTTP/1 codec and names it
     * itself; this one leaves the HTTP/1 pipeline as the initializer built it, names and all.
     */
    private static final class PriorKnowledge extends ByteToMessageDecoder {
        private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private final ServerContext server;

        PriorKnowledge(ServerContext server) {
            this.server = server;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int n = Math.min(in.readableBytes(), PREFACE.length);
            for (int i = 0; i < n; i++) {
                if (in.getByte(in.readerIndex() + i) != PREFACE[i]) {
                    ctx.pipeline().remove(this);       // HTTP/1: the bytes go on to the codec
                    return;
                }
            }
            if (n == PREFACE.length) {
                switchToHttp2(ctx, server);            // the frame codec reads the preface itself
                ctx.pipeline().remove(this);
            }
            // else: a prefix of the preface so far; wait for more
        }
    }

    /** {@code Upgrade: h2c}: the HTTP/1 stack goes, and the request is answered on stream 1. */
    private static final class Upgrade implements HttpServerUpgradeHandler.UpgradeCodec {
        private final ServerContext server;
        private final Http2FrameCodec codec;
        private final Http2ServerUpgradeCodec delegate;

        Upgrade(ServerContext server) {
            this.server = server;
            this.codec = frameCodec(server);
            this.delegate = new Http2ServerUpgradeCodec(codec, multiplexer(server), new ConnectionIdle(codec));
        }

        @Override
        public Collection<CharSequence> requiredUpgradeHeaders() {
            return delegate.requiredUpgradeHeaders();
        }

        @Override
        public boolean prepareUpgradeResponse(ChannelHandlerContext ctx, FullHttpRequest req, HttpHeaders headers) {
            return delegate.prepareUpgradeResponse(ctx, req, headers);
        }

        @Override
        public void upgradeTo(ChannelHandlerContext ctx, FullHttpRequest req) {
            RequestGuard.uninstall(ctx.pipeline());
            removeAfter(ctx);
            delegate.upgradeTo(ctx, req);
        }
    }

    /**
     * The connection-level idle rule: with no stream open, a connection that sent nothing for the idle
     * timeout is closed (GOAWAY first); an open stream (a long poll, a download) keeps it.
     */
    private static final class ConnectionIdle extends io.netty.channel.ChannelInboundHandlerAdapter {
        private final Http2FrameCodec codec;

        ConnectionIdle(Http2FrameCodec codec) {
            this.codec = codec;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof IdleStateEvent && codec.connection().numActiveStreams() == 0) {
                ctx.close();
                return;
            }
            super.userEventTriggered(ctx, evt);
        }
    }
}
