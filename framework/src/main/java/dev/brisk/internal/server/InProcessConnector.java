package dev.brisk.internal.server;

import dev.brisk.BriskConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The socket-less way into a server, for {@code BriskTestClient.inProcess}: the server binds a Netty
 * {@link LocalServerChannel} instead of a TCP port, with the same child pipeline (codec, connection
 * handler, dispatcher, encoder) on the same {@code brisk-loop-N} event loops; this class is the client
 * end. Only bytes, strings and JDK types cross its API, so the testing package never sees Netty.
 *
 * <p>Why a registry keyed by the app: {@code Brisk} creates its {@link HttpServer} inside
 * {@code start()}, and the in-process mode must be chosen before that without growing Brisk's public API.
 */
public final class InProcessConnector {
    private static final Map<dev.brisk.Brisk, InProcessConnector> PENDING = Collections.synchronizedMap(new WeakHashMap<>());

    /** What an in-process exchange returns: status, headers in wire order, and the whole body. */
    public record Answer(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

    private final LocalAddress address = new LocalAddress(LocalAddress.class);
    private volatile EventLoopGroup clientLoop;
    private volatile boolean bound;

    private InProcessConnector() {}

    /**
     * Marks {@code config} for in-process serving: the next server started with it binds no port and
     * answers through the returned connector. Call before {@code Brisk.start()}.
     */
    public static InProcessConnector prepare(dev.brisk.Brisk app) {
        InProcessConnector c = new InProcessConnector();
        PENDING.put(app, c);
        return c;
    }

    /** Forgets a preparation the server did not take (e.g. a start-up hook threw first). */
    public static void withdraw(dev.brisk.Brisk app) {
        PENDING.remove(app);
    }

    /** The connector prepared for {@code config}, taken once by the server being started, else null. */
    public static InProcessConnector claim(dev.brisk.Brisk app) {
        return PENDING.remove(app);
    }

    /** Binds the local server channel on the server's own loops with the server's own child pipeline. */
    Channel bind(EventLoopGroup loops, ChannelInitializer<Channel> childPipeline) throws InterruptedException {
        Channel ch = new ServerBootstrap().group(loops).channel(LocalServerChannel.class)
                .childHandler(childPipeline).bind(address).sync().channel();
        bound = true;
        return ch;
    }

    /** Whether a server took this connector and is serving through it. */
    public boolean bound() {
        return bound;
    }

    /**
     * Sends one full request on a fresh local connection and returns the whole response; the connection
     * is closed afterwards. {@code headers} go as given (no Host or Content-Length is added here).
     */
    public Answer exchange(String method, String target, List<Map.Entry<String, String>> headers, byte[] body,
                           Duration timeout) throws IOException {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        Channel ch = connect(new ChannelInitializer<LocalChannel>() {
            @Override
            protected void initChannel(LocalChannel c) {
                c.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(Integer.MAX_VALUE),
                        new SimpleChannelInboundHandler<FullHttpResponse>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                List<Map.Entry<String, String>> hs = new ArrayList<>();
                                r.headers().forEach(hs::add);
                                answer.complete(new Answer(r.status().code(), hs, ByteBufUtil.getBytes(r.content())));
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                answer.completeExceptionally(new IOException("connection closed before a response"));
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                answer.completeExceptionally(cause);
                                ctx.close();
                            }
                        });
            }
        });
        try {
            ByteBuf content = body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body);
            DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method),
                    target, content);
            for (Map.Entry<String, String> h : headers) req.headers().add(h.getKey(), h.getValue());
            ch.writeAndFlush(req);
            return answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no response within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            ch.close();
        }
    }

    /** Opens a raw byte connection (for pipelining and malformed input); see {@link LocalPipe}. */
    public LocalPipe openPipe() throws IOException {
        LocalPipe pipe = new LocalPipe();
        pipe.attach(connect(pipe.reader()));
        return pipe;
    }

    private Channel connect(ChannelHandler handler) throws IOException {
        if (!bound) throw new IOException("the in-process server is not running");
        try {
            return new Bootstrap().group(clientLoop()).channel(LocalChannel.class).handler(handler)
                    .connect(address).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting", e);
        } catch (Exception e) {
            throw new IOException("in-process connect failed: " + e, e);
        }
    }

    // One client thread per app under test, started on first use; its own loop so that a test blocking
    // on a response never blocks a server loop, and the server's watchdog never sees the client.
    private EventLoopGroup clientLoop() {
        EventLoopGroup g = clientLoop;
        if (g == null) {
            synchronized (this) {
                if ((g = clientLoop) == null) {
                    clientLoop = g = new MultiThreadIoEventLoopGroup(1,
                            (ThreadFactory) r -> new FastThreadLocalThread(r, "brisk-test-client"), LocalIoHandler.newFactory());
                }
            }
        }
        return g;
    }

    /** Called by the server on stop: no more connections; the client thread ends. */
    void unbind() {
        bound = false;
        EventLoopGroup g = clientLoop;
        if (g != null) g.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
