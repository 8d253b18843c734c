package dev.brisk.lab.load;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;

/**
 * The fastest raw-Netty {@code /plaintext} server we can write in a few lines (TFB-style: decoder
 * only, one pre-encoded response, flush per read batch), to compare the load client against wrk.
 * Counts requests. Run alone: {@code PlaintextServer PORT SECONDS}.
 */
final class PlaintextServer implements AutoCloseable {
    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
            + "Content-Length: 13\r\nServer: raw-netty\r\n\r\nHello, World!").getBytes(StandardCharsets.US_ASCII);

    final AtomicLong requests = new AtomicLong();
    private final MultiThreadIoEventLoopGroup group;
    private final Channel server;
    private final ByteBuf response = Unpooled.unreleasableBuffer(
            Unpooled.directBuffer(RESPONSE.length).writeBytes(RESPONSE).asReadOnly());

    PlaintextServer(int port, int threads) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        HttpDecoderConfig config = new HttpDecoderConfig()
                .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false));
        server = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpRequestDecoder(config), new ChannelInboundHandlerAdapter() {
                            private long pending;

                            @Override
                            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                if (msg instanceof HttpRequest) {
                                    pending++;
                                    ctx.write(response.duplicate(), ctx.voidPromise());
                                }
                                ReferenceCountUtil.release(msg);
                            }

                            @Override
                            public void channelReadComplete(ChannelHandlerContext ctx) {
                                requests.addAndGet(pending);
                                pending = 0;
                                ctx.flush();
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** {@code PlaintextServer PORT SECONDS}: serves for at most SECONDS (bounded), then exits. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
        long seconds = Math.min(args.length > 1 ? Long.parseLong(args[1]) : 60, 600);
        try (PlaintextServer s = new PlaintextServer(port, 1)) {
            System.out.println("plaintext server on 127.0.0.1:" + s.port() + " for " + seconds + "s");
            Thread.sleep(seconds * 1000);
            System.out.println("served " + s.requests.get() + " requests");
        }
    }
}
