package dev.brisk.internal.server;

import dev.brisk.BriskConfig;
import dev.brisk.CurrentLoop;
import dev.brisk.internal.dispatch.Dispatcher;
import dev.brisk.internal.watchdog.Watchdog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.local.LocalIoHandler;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Netty HTTP/1.1 and HTTP/2 (see {@link Http2Setup}, {@link Http2Tls}) server: transport choice, pipeline, event loops named {@code brisk-loop-N},
 * bind, graceful stop. All Netty types stay in this package.
 */
public final class HttpServer {
    private final BriskConfig config;
    private final Dispatcher dispatcher;
    private final Watchdog watchdog;
    private final Transport transport = Transport.pick();
    private MultiThreadIoEventLoopGroup boss;
    private MultiThreadIoEventLoopGroup group;
    private Channel serverChannel;
    private ServerContext context;
    private final ChannelGroup channels = new DefaultChannelGroup("brisk", GlobalEventExecutor.INSTANCE);
    private final List<NettyLoop> loops = new ArrayList<>();
    private int port;
    private InProcessConnector inProcess;
    private TlsContext tls;
    private dev.brisk.internal.dispatch.WebSocketDispatch webSockets;

    public HttpServer(BriskConfig config, Dispatcher dispatcher, Watchdog watchdog) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.watchdog = watchdog;
    }

    /** The app's WebSocket endpoints (issue 13); set before {@link #start()}. */
    public void webSockets(dev.brisk.internal.dispatch.WebSocketDispatch endpoints) {
        this.webSockets = endpoints;
    }

    /** Open WebSockets (accepted or still deciding). */
    public int openSockets() {
        return context == null ? 0 : context.openSockets();
    }

    /** io_uring, epoll or nio. */
    public String transport() {
        return inProcess != null ? "local (in-process)" : transport.name();
    }

    /** {@code https} with the TLS provider's name, or {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    /** The TLS provider ({@code OpenSSL (BoringSSL)} or {@code JDK}), or {@code null} without TLS. */
    public String tlsProvider() {
        return tls == null ? null : tls.provider();
    }

    /** Re-reads the TLS files now (they are also checked every reload interval); whether they changed. */
    public boolean reloadTls() {
        return tls != null && tls.reloadIfChanged();
    }

    public int port() {
        return port;
    }

    public List<? extends dev.brisk.Loop> loops() {
        return List.copyOf(loops);
    }

    /** Serve through Netty's in-VM transport instead of a port (the in-process test client); before {@link #start()}. */
    public void inProcess(InProcessConnector connector) {
        this.inProcess = connector;
    }

    /**
     * The class initialisation {@link #start()} would do first, run ahead on another thread by
     * {@code dev.brisk.StartAhead} (see {@link Warmup#classes()}); start() waits for it to finish.
     */
    public static void prepare() {
        Warmup.classes();
    }

    /** Binds and starts serving; returns once the port is open. */
    public void start() throws InterruptedException {
        // TLS files first: a bad key or password fails start-up before any thread exists
        if (config.deployment().tls()) tls = new TlsContext(config.deployment(), config.http2());
        AtomicInteger n = new AtomicInteger();
        // in-process: the same brisk-loop-N loops, driving Netty's in-VM transport instead of sockets
        group = new MultiThreadIoEventLoopGroup(config.loops(),
                (java.util.concurrent.ThreadFactory) r -> new FastThreadLocalThread(r, "brisk-loop-" + n.incrementAndGet()),
                inProcess != null ? LocalIoHandler.newFactory() : transport.factory());
        if (inProcess == null) boss = new MultiThreadIoEventLoopGroup(1, (java.util.concurrent.ThreadFactory) r -> new FastThreadLocalThread(r, "brisk-accept"), transport.factory());
        Map<EventLoop, NettyLoop> byLoop = new IdentityHashMap<>();
        CountDownLatch bound = new CountDownLatch(config.loops());
        for (EventExecutor e : group) {
            EventLoop el = (EventLoop) e;
            NettyLoop nl = new NettyLoop(el, "brisk-loop-" + (loops.size() + 1));
            loops.add(nl);
            byLoop.put(el, nl);
            el.execute(() -> {
                CurrentLoop.register(nl);
                nl.probe().bind(Thread.currentThread());
                bound.countDown();
            });
            watchdog.watch(nl.probe(), el);
        }
        bound.await(10, TimeUnit.SECONDS);
        warmUp(decoder());
        context = new ServerContext(config, dispatcher, byLoop);
        Warmup.loops(group);
        context.webSockets(webSockets);
        group.next().scheduleAtFixedRate(DateHeader::refresh, 1000 - System.currentTimeMillis() % 1000, 1000,
                TimeUnit.MILLISECONDS);

        HttpDecoderConfig decoder = decoder();
        long idleSeconds = Math.max(1, config.idleTimeout().toSeconds());
        ConnectionLimit limit = new ConnectionLimit(config.maxConnections(), config.retryAfterSeconds());
        ChannelInitializer<Channel> childPipeline = new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!limit.admit(ch)) return;
                        channels.add(ch);
                        if (tls != null) ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        Http1Codec.addLast(ch.pipeline(), decoder);
                        ch.pipeline().addLast("brisk", new ConnectionHandler(context));
                        // "idle", before the codec: the idle timeout, the head deadline and the raw head scan in one stage
                        RequestGuard.install(ch.pipeline(), context, TimeUnit.SECONDS.toNanos(idleSeconds));
                        if (!config.http2()) return;
                        // TLS: ALPN decides after the handshake (h2 or the HTTP/1 stack above); clear text: h2c
                        if (tls != null) ch.pipeline().addAfter("idle", Http2Tls.NEGOTIATE, Http2Tls.negotiation(context));
                        else Http2Setup.addCleartext(ch.pipeline(), context);
                    }
                };
        if (inProcess != null) {
            serverChannel = inProcess.bind(group, childPipeline);
            port = -1;   // no socket at all
        } else {
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, group)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(childPipeline);
            serverChannel = b.bind(new InetSocketAddress(config.host(), config.port())).sync().channel();
            port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        }
        // The first virtual thread links method handles for its name (a quarter second on a loaded machine);
        // pay that here rather than on an event loop inside the first worker request.
        dispatcher.workerExecutor().execute(() -> { });
    }

    private HttpDecoderConfig decoder() {
        return new HttpDecoderConfig()
                .setMaxInitialLineLength(config.maxUriLength() + 64)
                .setMaxHeaderSize(config.maxHeaderSize())
                .setMaxChunkSize(64 * 1024)
                .setValidateHeaders(false);
    }

    /**
     * Pays the first connection's one-time costs before accepting, off the clock of any request: the
     * buffer allocator's first use on each loop (class loading, its size-class tables, JFR event
     * registration: up to a second on a loaded machine) and the HTTP codec's classes. Without this the
     * first request on each loop stalled it, and the watchdog reported it.
     */
    private void warmUp(HttpDecoderConfig decoder) throws InterruptedException {
        DateHeader.refresh();
        ResponseEncoder encoder = new ResponseEncoder(config.serverHeader());
        for (EventExecutor e : group) {
            e.submit(() -> {
                for (int size : new int[] {64, 2048, 16 * 1024, 64 * 1024}) {
                    io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(size).release();
                    io.netty.buffer.ByteBufAllocator.DEFAULT.heapBuffer(size).release();
                }
                // one request decoded and one answer encoded by the real codec, on this loop, then dropped
                var ch = new io.netty.channel.embedded.EmbeddedChannel(
                        new Http1Codec.Decoder(decoder), new Http1Codec.Encoder());
                ch.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(
                        "GET /warm-up?q=1 HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\n\r\n", java.nio.charset.StandardCharsets.US_ASCII));
                ch.writeOutbound(encoder.encode(dev.brisk.Response.text("warm"), false, true, false));
                AnswerBytes.head(dev.brisk.Response.text("warm"), false, true, false, encoder.server(),
                        io.netty.buffer.ByteBufAllocator.DEFAULT).release();
                ch.finishAndReleaseAll();
            }).await(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Graceful stop: stop accepting, close idle connections, let in-flight requests finish for up to
     * {@code grace}, then close everything. Returns the number of requests cut off.
     */
    public int stop(Duration grace) throws InterruptedException {
        if (serverChannel == null) return 0;
        context.shutDown();
        serverChannel.close().sync();
        for (Channel ch : channels) {
            ch.eventLoop().execute(() -> {
                ConnectionHandler h = ch.pipeline().get(ConnectionHandler.class);
                if (h != null) h.closeIfIdle();
                else Http2Setup.goAway(ch);
                WebSocketFrames ws = ch.pipeline().get(WebSocketFrames.class);
                if (ws != null) ws.goingAway(); // 1001, and wait (within the grace) for the peer's close
            });
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while ((dispatcher.inFlight() > 0 || context.openSockets() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int cut = dispatcher.inFlight();
        channels.close().await(2, TimeUnit.SECONDS);
        if (inProcess != null) inProcess.unbind();
        if (boss != null) boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (boss != null) boss.terminationFuture().await(3, TimeUnit.SECONDS);
        group.terminationFuture().await(3, TimeUnit.SECONDS);
        serverChannel = null;
        if (tls != null) tls.close();
        return cut;
    }
}
