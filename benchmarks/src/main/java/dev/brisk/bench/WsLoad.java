package dev.brisk.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket load client on Netty, the same for every server: many connections, binary echo
 * messages stamped with their send time, latency from each echo.
 *
 * <ul>
 *   <li>{@code --mode latency}: every connection sends {@code --rate} messages a second (start times
 *       spread over the first second); reports echo latency percentiles. Issue 13: 10,000 connections,
 *       one message a second each.</li>
 *   <li>{@code --mode throughput}: every connection keeps {@code --window} messages in flight and
 *       sends the next as each echo returns; reports echoed messages per second.</li>
 * </ul>
 *
 * <p>Connections open {@code --connect-batch} at a time. Prints {@code CONNECTED n} once all are up
 * (the run script samples the server's memory then), and one {@code WSBENCH key=value ...} line at
 * the end. Messages not echoed by the end, failed handshakes and connections the server closed count
 * as errors.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.brisk.bench.WsLoad --url ws://127.0.0.1:8000/ws/echo
 * [--mode latency|throughput] [--connections 10000] [--duration 20] [--warmup 3] [--rate 1]
 * [--window 1] [--size 32] [--threads 1] [--connect-batch 500] [--sources auto|N]}. {@code --sources}: connect
 * from 127.0.0.1..127.0.0.N; {@code auto} uses more than one address only when the connections would
 * not fit in one address's ephemeral port range.
 */
public final class WsLoad {
    private static final int BUCKET_US = 10;                 // latency resolution
    private static final int BUCKETS = 1_000_000;            // up to 10 s

    private final AtomicIntegerArray histogram = new AtomicIntegerArray(BUCKETS);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong measured = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong closedByServer = new AtomicLong();
    private volatile boolean measuring;
    private volatile boolean sending = true;
    private final int size;
    private final String mode;
    private final double rate;
    private final int window;

    /** Source addresses to connect from: 127.0.0.1 .. 127.0.0.N (1: let the kernel choose). */
    int sources = 1;

    WsLoad(String mode, int size, double rate, int window) {
        this.mode = mode;
        this.size = size;
        this.rate = rate;
        this.window = window;
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        URI uri = URI.create(a.string("url", "ws://127.0.0.1:8000/ws/echo"));
        String mode = a.string("mode", "latency");
        int connections = a.integer("connections", 1000);
        int duration = a.integer("duration", 20);
        int warmup = a.integer("warmup", 3);
        WsLoad load = new WsLoad(mode, Math.max(8, a.integer("size", 32)), Double.parseDouble(a.string("rate", "1")),
                a.integer("window", 1));
        String sources = a.string("sources", "auto");
        load.sources = sources.equals("auto") ? sourcesNeeded(connections, uri.getHost()) : Integer.parseInt(sources);
        String result = load.run(uri, connections, duration, warmup, a.integer("threads", 1), a.integer("connect-batch", 500));
        System.out.println(result);
        System.out.flush();
        System.exit(0);
    }

    /**
     * How many loopback source addresses {@code connections} need: one address gives a connection per
     * ephemeral port (net.ipv4.ip_local_port_range, 28,232 by default), less what other programs hold;
     * past about 80% of the range connects start failing with EADDRNOTAVAIL, so spread them out.
     */
    static int sourcesNeeded(int connections, String host) {
        if (!host.startsWith("127.")) return 1;
        int ports = 28_232;
        try {
            String[] r = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            ports = Integer.parseInt(r[1]) - Integer.parseInt(r[0]) + 1;
        } catch (Exception e) {
            // not Linux: assume the default range
        }
        return Math.max(1, (int) Math.ceil(connections / (ports * 0.8)));
    }

    /** Runs one measurement; returns the {@code WSBENCH} line. */
    String run(URI uri, int connections, int duration, int warmup, int threads, int batch) throws InterruptedException {
        // named, so that ServerCost can leave the client's own CPU out when it runs in the server's JVM
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(threads,
                new io.netty.util.concurrent.DefaultThreadFactory("wsload"), NioIoHandler.newFactory());
        List<Conn> open = new ArrayList<>(connections);
        ConcurrentLinkedQueue<Conn> ready = new ConcurrentLinkedQueue<>();
        try {
            Semaphore inProgress = new Semaphore(batch);
            CountDownLatch done = new CountDownLatch(connections);
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
            for (int i = 0; i < connections; i++) {
                inProgress.acquire();
                Conn c = new Conn(() -> {
                    inProgress.release();
                    done.countDown();
                }, ready);
                Bootstrap one = b.clone();
                // many connections: each source address has its own ephemeral ports (all of 127/8 is loopback)
                if (sources > 1) one.localAddress(new InetSocketAddress("127.0.0." + (1 + i % sources), 0));
                one.handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(uri).version(WebSocketVersion.V13).allowExtensions(false)
                                        .customHeaders(new DefaultHttpHeaders()).maxFramePayloadLength(1 << 20)
                                        .handshakeTimeoutMillis(60_000).dropPongFrames(true).build()), c);
                    }
                }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
                    if (!f.isSuccess()) {
                        errors.incrementAndGet();
                        c.finishedConnecting();
                    }
                });
                open.add(c);
            }
            done.await(180, TimeUnit.SECONDS);
            int up = ready.size();
            System.out.println("CONNECTED " + up);
            System.out.flush();
            long t0 = System.nanoTime();
            for (Conn c : ready) c.start();
            Thread.sleep(warmup * 1000L);
            measuring = true;
            long m0 = System.nanoTime();
            long sent0 = sent.get();
            Thread.sleep(duration * 1000L);
            measuring = false;
            long m1 = System.nanoTime();
            long sentInWindow = sent.get() - sent0;
            sending = false;
            Thread.sleep(Math.max(1000, (long) (3000 / Math.max(rate, 1)))); // let the last echoes come back
            long lost = sent.get() - received.get();
            long total = measured.get();
            long durationUs = (m1 - m0) / 1000;
            return "WSBENCH mode=" + mode + " connections=" + connections + " connected=" + up + " sources=" + sources
                    + " sent=" + sentInWindow + " received=" + total + " lost=" + Math.max(0, lost)
                    + " errors=" + (errors.get() + closedByServer.get() + Math.max(0, lost)) + " duration_us=" + durationUs
                    + " msgs_per_s=" + Math.round(total / (durationUs / 1e6))
                    + " p50_us=" + percentile(total, 0.50) + " p99_us=" + percentile(total, 0.99)
                    + " p999_us=" + percentile(total, 0.999) + " max_us=" + percentile(total, 1.0)
                    + " total_received=" + received.get() + " elapsed_s=" + (System.nanoTime() - t0) / 1_000_000_000L;
        } finally {
            for (Conn c : open) c.close();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        }
    }

    private long percentile(long total, double p) {
        if (total == 0) return -1;
        long rank = Math.max(1, (long) Math.ceil(total * p));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += histogram.get(i);
            if (seen >= rank) return (long) (i + 1) * BUCKET_US;
        }
        return (long) BUCKETS * BUCKET_US;
    }

    /** One connection: handshake, then sends on a timer (latency) or on each echo (throughput). */
    private final class Conn extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final Runnable connected;
        private final ConcurrentLinkedQueue<Conn> ready;
        private boolean reported;
        private volatile Channel channel;

        Conn(Runnable connected, ConcurrentLinkedQueue<Conn> ready) {
            this.connected = connected;
            this.ready = ready;
        }

        synchronized void finishedConnecting() {
            if (reported) return;
            reported = true;
            connected.run();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                channel = ctx.channel();
                ready.add(this);
                finishedConnecting();
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                errors.incrementAndGet();
                finishedConnecting();
            }
            super.userEventTriggered(ctx, evt);
        }

        void start() {
            Channel ch = channel;
            if (mode.equals("throughput")) {
                ch.eventLoop().execute(() -> {
                    for (int i = 0; i < window; i++) send(ch);
                });
                return;
            }
            long periodNanos = (long) (1e9 / rate);
            ch.eventLoop().scheduleAtFixedRate(() -> {
                if (sending && ch.isActive()) send(ch);
            }, ThreadLocalRandom.current().nextLong(periodNanos), periodNanos, TimeUnit.NANOSECONDS);
        }

        private void send(Channel ch) {
            ByteBuf buf = ch.alloc().buffer(size);
            buf.writeLong(System.nanoTime());
            buf.writeZero(size - 8);
            sent.incrementAndGet();
            ch.writeAndFlush(new BinaryWebSocketFrame(buf));
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof BinaryWebSocketFrame) || frame.content().readableBytes() < 8) return;
            long latencyNanos = System.nanoTime() - frame.content().getLong(frame.content().readerIndex());
            received.incrementAndGet();
            if (measuring) {
                int bucket = (int) Math.min(BUCKETS - 1, latencyNanos / 1000 / BUCKET_US);
                histogram.incrementAndGet(bucket);
                measured.incrementAndGet();
            }
            if (sending && mode.equals("throughput")) send(ctx.channel());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (sending && reported) closedByServer.incrementAndGet();
            finishedConnecting();
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.incrementAndGet();
            ctx.close();
        }

        void close() {
            Channel ch = channel;
            if (ch != null) ch.close();
        }
    }
}
