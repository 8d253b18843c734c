package dev.brisk.lab.load;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive client connection and its requests in flight: sends, matches answers, times
 * out, reconnects.
 *
 * <p>Threading: confined to its event loop. Every method runs on {@code loop.executor}; the only
 * shared state it touches is {@link LoadRun}'s volatile flags and its request quota (atomic).
 *
 * <p>The hot path allocates no strings: a request is a retained duplicate of a pre-encoded
 * buffer, times are {@code System.nanoTime()} longs kept in two small rings.
 */
final class Connection implements Runnable {
    private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final LoadRun run;
    private final LoopState loop;
    private final LoopStats stats;
    private final int index;
    private final InetSocketAddress address;
    private final ByteBuf[] requests;
    private final Bootstrap bootstrap;
    private final ChannelFutureListener onConnect = this::connected;
    private final Runnable reconnect = this::connect;
    private final int depth;

    private int nextRequest;
    /** The channel connecting or connected; null while down. Events of any other channel are stale. */
    private Channel channel;
    private ChannelHandlerContext ctx;
    private boolean connected;
    private boolean everConnected;
    private boolean initialReported;
    private boolean dead;
    private long backoffNanos;

    // Requests in flight, oldest first: intended start (latency origin) and actual send (timeout origin).
    private final long[] intended;
    private final long[] sent;
    private int head;
    private int count;

    // The response being read.
    private int status;
    private boolean keepAlive;
    private boolean informational;

    // Open loop.
    private long nextIntended;
    private boolean timerPending;

    /** Requests written while reading answers, flushed once the read batch is done. */
    private boolean flushPending;

    Connection(LoadRun run, LoopState loop, int index, InetSocketAddress address, ByteBuf[] requests) {
        this.run = run;
        this.loop = loop;
        this.stats = loop.stats;
        this.index = index;
        this.address = address;
        this.requests = requests;
        this.depth = run.spec.pipeline();
        this.intended = new long[depth];
        this.sent = new long[depth];
        boolean head = run.spec.method().equals("HEAD");
        this.bootstrap = new Bootstrap()
                .group(loop.executor)
                .channel(run.transport.channelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, run.connectTimeoutMillis)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new ResponseDecoder(stats, head), new Handler());
                    }
                });
    }

    // ---- connecting ----

    void connect() {
        if (dead || run.closing || channel != null) {
            return;
        }
        ChannelFuture f = bootstrap.connect(address);
        channel = f.channel();
        f.addListener(onConnect);
    }

    private void connected(ChannelFuture f) {
        if (f.channel() != channel) {
            return;
        }
        if (f.isSuccess() && (dead || run.closing)) {
            channel = null;
            f.channel().close();
            reportInitial(null);
            return;
        }
        if (f.isSuccess()) {
            connected = true;
            ctx = f.channel().pipeline().context(Handler.class);
            loop.opened();
            if (everConnected) {
                stats.reconnects++;
            }
            everConnected = true;
            backoffNanos = 0;
            reportInitial(null);
            fill();
            return;
        }
        channel = null;
        if (run.closing || dead || f.cause() == null) {
            reportInitial(f.cause());
            return;
        }
        stats.error(ErrorKind.ofConnect(f.cause()), 1);
        loop.lastConnectError = address.getHostString() + ":" + address.getPort() + ": "
                + ErrorKind.describeConnect(f.cause());
        reportInitial(f.cause());
        backoffNanos = backoffNanos == 0 ? 1_000_000 : Math.min(backoffNanos * 2, MAX_BACKOFF_NANOS);
        loop.executor.schedule(reconnect, backoffNanos, TimeUnit.NANOSECONDS);
    }

    private void reportInitial(Throwable cause) {
        if (!initialReported) {
            initialReported = true;
            run.initialConnect(cause, address);
        }
    }

    // ---- sending ----

    /** Starts sending: called once on the loop when the measured clock starts. */
    void start() {
        if (run.openLoop) {
            nextIntended = run.startNanos + index * run.spacingNanos;
        }
        fill();
    }

    /** Open-loop timer: the next intended send time has come. */
    @Override
    public void run() {
        timerPending = false;
        fill();
    }

    private void fill() {
        if (send() && connected) {
            ctx.flush();
        }
    }

    /**
     * Writes as many requests as the pipeline depth, the schedule and the quota allow, without
     * flushing; returns whether it wrote any.
     */
    private boolean send() {
        if (!connected || !loop.started) {
            return false;
        }
        int before = count;
        while (connected && count < depth && !run.stopped) {
            long now = System.nanoTime();
            long start = now;
            if (run.openLoop) {
                long wait = nextIntended - now;
                if (wait > 0) {
                    if (!timerPending) {
                        timerPending = true;
                        loop.executor.schedule(this, wait, TimeUnit.NANOSECONDS);
                    }
                    break;
                }
                start = nextIntended;
            }
            if (start - run.deadlineNanos >= 0) {
                break; // the window is over, whenever the run's thread gets to notice
            }
            boolean measured = start - run.measureStartNanos >= 0;
            if (measured && run.countBound && !run.takeQuota()) {
                break;
            }
            if (run.openLoop) {
                nextIntended += run.connectionIntervalNanos;
            }
            int slot = (head + count) % depth;
            intended[slot] = start;
            sent[slot] = now;
            count++;
            loop.inFlight++;
            ByteBuf request = requests[nextRequest];
            if (++nextRequest == requests.length) {
                nextRequest = 0;
            }
            if (measured) {
                stats.bytesWritten += request.readableBytes();
            }
            ctx.write(request.retainedDuplicate(), ctx.voidPromise());
        }
        if (count == 0) {
            loop.checkFinished();
        }
        return count != before;
    }

    // ---- receiving ----

    private void onMessage(Object msg) {
        if (msg instanceof HttpResponse r) {
            if (r.decoderResult().isFailure() || count == 0) {
                abandon(ErrorKind.MALFORMED);
                return;
            }
            status = r.status().code();
            informational = status >= 100 && status < 200 && status != 101;
            keepAlive = HttpUtil.isKeepAlive(r);
        }
        if (msg instanceof HttpContent c) {
            if (c.decoderResult().isFailure()) {
                abandon(ErrorKind.ofRequest(c.decoderResult().cause()));
                return;
            }
            if (msg instanceof LastHttpContent) {
                if (informational) {
                    informational = false;
                } else if (count > 0) {
                    complete();
                }
            }
        }
    }

    private void complete() {
        long now = System.nanoTime();
        long start = intended[head];
        head = (head + 1) % depth;
        count--;
        loop.inFlight--;
        if (start - run.measureStartNanos >= 0) {
            stats.recordResponse(now - start, status);
        }
        if (!keepAlive || !channel.isActive()) {
            // The server closes after this answer ("Connection: close", or a body delimited by the
            // close): requests pipelined behind it are lost; the next goes on a new connection.
            abandon(ErrorKind.CLOSED_EARLY);
            return;
        }
        // Several answers may arrive in one read: one flush for all the requests they free up.
        flushPending |= send();
    }

    // ---- failing ----

    /** Sweeper: fails the oldest request if it has waited longer than the timeout. */
    void checkTimeout(long now) {
        if (count > 0 && now - sent[head] > run.timeoutNanos) {
            abandon(ErrorKind.TIMEOUT);
        }
    }

    /** Counts the requests in flight as failed, drops the channel and opens a new one if still wanted. */
    private void abandon(ErrorKind kind) {
        failInFlight(kind);
        Channel ch = channel;
        down();
        if (ch != null) {
            ch.close();
        }
        if (!run.stopped && !(run.countBound && run.quotaSpent())) {
            connect();
        }
        loop.checkFinished();
    }

    private void failInFlight(ErrorKind kind) {
        long measured = measuredInFlight();
        if (run.closing) {
            stats.unfinished += measured;
        } else {
            stats.error(kind, measured);
        }
        loop.inFlight -= count;
        count = 0;
        head = 0;
    }

    private long measuredInFlight() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            if (intended[(head + i) % depth] - run.measureStartNanos >= 0) {
                n++;
            }
        }
        return n;
    }

    private void down() {
        if (connected) {
            connected = false;
            loop.closed();
        }
        channel = null;
        ctx = null;
        informational = false;
        flushPending = false;
    }

    /** The run is over: close without counting anything in flight as an error. */
    void close() {
        dead = true;
        Channel ch = channel;
        failInFlight(ErrorKind.OTHER); // counted as unfinished, as run.closing is set
        down();
        if (ch != null) {
            ch.close();
        }
    }

    /** The loop gave up on the server: stop reconnecting. */
    void kill() {
        dead = true;
        if (channel != null && !connected) {
            Channel ch = channel;
            channel = null;
            ch.close();
        }
    }

    /** Pipeline tail of this connection's channels; ignores events of channels it has let go of. */
    private final class Handler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (ctx.channel() == channel && connected) {
                    onMessage(msg);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (flushPending && ctx.channel() == channel) {
                flushPending = false;
                ctx.flush();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ctx.channel() == channel) {
                abandon(ErrorKind.CLOSED_EARLY);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ctx.channel() == channel && !run.closing) {
                abandon(ErrorKind.ofRequest(cause));
            } else {
                ctx.close();
            }
        }
    }
}
