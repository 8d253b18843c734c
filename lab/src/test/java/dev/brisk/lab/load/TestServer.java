package dev.brisk.lab.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * A small real HTTP/1.1 server for the load client's tests, on 127.0.0.1 and an ephemeral port.
 * Routes: {@code /plaintext}; {@code /sleep?ms=N} (answers after N ms, without blocking the loop);
 * {@code /flaky?every=K} (every K-th request gets 503); {@code /status?code=N};
 * {@code /close} (answers with {@code Connection: close}, then closes); {@code /cut} (promises
 * 100 bytes, sends 5, closes); {@code /garbage} (answers bytes that are not HTTP);
 * {@code /hang} (never answers); {@code /until-close} (a body delimited by closing the connection); {@code /echo} (remembers the request line, headers and body).
 */
final class TestServer implements AutoCloseable {
    final AtomicLong requests = new AtomicLong();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong flaky = new AtomicLong();
    volatile String lastEcho;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private final MultiThreadIoEventLoopGroup group;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel server;

    private TestServer(int threads) throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.incrementAndGet();
                        channels.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    static TestServer start() throws InterruptedException {
        return new TestServer(1);
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String url(String pathAndQuery) {
        return "http://127.0.0.1:" + port() + pathAndQuery;
    }

    /** Stops listening and drops every connection, like a server that dies. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        server.close().syncUninterruptibly();
        channels.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            requests.incrementAndGet();
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            switch (q.path()) {
                case "/plaintext" -> respond(ctx, 200, "Hello, World!", keepAlive);
                case "/sleep" -> ctx.executor().schedule(
                        () -> respond(ctx, 200, "slept", keepAlive), param(q, "ms", 20), TimeUnit.MILLISECONDS);
                case "/flaky" -> respond(ctx, flaky.incrementAndGet() % param(q, "every", 2) == 0 ? 503 : 200, "maybe", keepAlive);
                case "/status" -> respond(ctx, (int) param(q, "code", 200), "status", keepAlive);
                case "/close" -> respond(ctx, 200, "bye", false);
                case "/cut" -> raw(ctx, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort", true);
                case "/garbage" -> raw(ctx, "this is not http at all\r\n\r\n", false);
                case "/hang" -> { }
                case "/until-close" -> raw(ctx, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nbody until close", true);
                case "/echo" -> {
                    lastEcho = req.method() + " " + req.uri() + "|" + req.headers().get("X-Test") + "|"
                            + req.headers().get(HttpHeaderNames.CONTENT_TYPE) + "|"
                            + req.content().toString(StandardCharsets.UTF_8);
                    respond(ctx, 200, "echo", keepAlive);
                }
                default -> respond(ctx, 404, "not found", keepAlive);
            }
        }

        private static long param(QueryStringDecoder q, String name, long dflt) {
            List<String> v = q.parameters().get(name);
            return v == null ? dflt : Long.parseLong(v.getFirst());
        }

        private static void respond(ChannelHandlerContext ctx, int status, String body, boolean keepAlive) {
            ByteBuf content = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), content);
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            if (!keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** Writes bytes past the HTTP encoder, straight to the socket. */
        private static void raw(ChannelHandlerContext ctx, String text, boolean close) {
            var f = ctx.pipeline().firstContext().writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
            if (close) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
