package dev.brisk.internal.server;

import dev.brisk.StreamingBody;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpChunkedInput;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.stream.ChunkedNioFile;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a {@link StreamingBody} after its response head. Each kind ends by calling
 * {@link ConnectionHandler#streamFinished} on the loop, exactly once: {@code true} when the last chunk
 * is on the wire, {@code false} when the client left or the producer failed (the connection then
 * closes, as a half-sent body cannot be repaired).
 */
abstract class BodyStreams {
    private static final Logger log = LoggerFactory.getLogger("brisk.server");
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    final ConnectionHandler connection;
    final ChannelHandlerContext ctx;
    final String label;
    private boolean finished; // loop only
    private ScheduledFuture<?> keepAlive;

    BodyStreams(ConnectionHandler connection, ChannelHandlerContext ctx, String label) {
        this.connection = connection;
        this.ctx = ctx;
        this.label = label;
    }

    /** Starts sending {@code body} (on the loop, after the head was written). */
    static BodyStreams start(StreamingBody body, ConnectionHandler c, ChannelHandlerContext ctx, Executor workers,
                             String label) {
        Duration ping = null;
        if (body instanceof StreamingBody.Events e) {
            ping = e.keepAlive();
            body = e.events();
        }
        BodyStreams s = switch (body) {
            case StreamingBody.Chunks ch -> new Pulled(c, ctx, label, ch, workers);
            case StreamingBody.Published p -> new Pushed(c, ctx, label, p.source());
            case StreamingBody.FileBody f -> new FileStream(c, ctx, label, f);
            case StreamingBody.Events e -> throw new IllegalArgumentException("nested event stream");
        };
        if (ping != null && !ping.isZero() && !ping.isNegative()) s.pingEvery(ping);
        s.begin();
        return s;
    }

    /** A HEAD request: the producer is never run, but an iterator that holds resources is closed. */
    static void discard(StreamingBody body, Executor workers) {
        if (body instanceof StreamingBody.Events e) body = e.events();
        if (body instanceof StreamingBody.Chunks ch) {
            try {
                workers.execute(() -> closeQuietly(ch.source().get()));
            } catch (RejectedExecutionException ignored) {
                // worker lane saturated or stopped: nothing was opened by us
            }
        }
    }

    abstract void begin();

    /** The client left (on the loop): stop producing. */
    abstract void cancel();

    /** The channel's writability changed (on the loop). */
    void writabilityChanged() {}

    private void pingEvery(Duration interval) {
        long nanos = interval.toNanos();
        keepAlive = ctx.executor().scheduleAtFixedRate(() -> {
            if (!finished) ctx.writeAndFlush(chunk(PING));
        }, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    static DefaultHttpContent chunk(byte[] bytes) {
        return new DefaultHttpContent(Unpooled.wrappedBuffer(bytes));
    }

    /** Writes the end of the body, then reports; on the loop. */
    final void end() {
        if (finished) return;
        stopPinging();
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener((ChannelFuture f) -> report(f.isSuccess()));
    }

    /** The body's last write is {@code last} (it carries its own end): report when it is done; on the loop. */
    final void endedBy(ChannelFuture last) {
        if (finished) return;
        stopPinging();
        last.addListener((ChannelFuture f) -> report(f.isSuccess()));
    }

    /** Gives up on the body (producer failed or client left); on the loop. */
    final void fail() {
        if (finished) return;
        stopPinging();
        report(false);
    }

    private void stopPinging() {
        if (keepAlive != null) keepAlive.cancel(false);
    }

    private void report(boolean ok) {
        if (finished) return;
        finished = true;
        connection.streamFinished(this, ok);
    }

    final boolean finished() {
        return finished;
    }

    final void onLoop(Runnable r) {
        if (ctx.executor().inEventLoop()) r.run();
        else ctx.executor().execute(r);
    }

    static void closeQuietly(Object source) {
        if (source instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.debug("closing a streamed body's source failed: {}", e.toString());
            }
        }
    }

    /** A blocking iterator, pulled on the worker lane; waits for the socket to drain when it is full. */
    private static final class Pulled extends BodyStreams implements Runnable {
        private final StreamingBody.Chunks source;
        private final Executor workers;
        private volatile boolean cancelled;
        private Thread thread; // guarded by this

        Pulled(ConnectionHandler c, ChannelHandlerContext ctx, String label, StreamingBody.Chunks source, Executor workers) {
            super(c, ctx, label);
            this.source = source;
            this.workers = workers;
        }

        @Override
        void begin() {
            try {
                workers.execute(this);
            } catch (RejectedExecutionException e) {
                log.warn("{}: worker lane refused the streamed body; closing the connection", label);
                fail();
            }
        }

        @Override
        public void run() {
            synchronized (this) {
                thread = Thread.currentThread();
            }
            Iterator<byte[]> it = null;
            boolean ok = false;
            try {
                it = source.source().get();
                while (!cancelled && it.hasNext()) {
                    byte[] b = it.next();
                    if (b == null || b.length == 0) continue;
                    ChannelFuture f = ctx.writeAndFlush(chunk(b));
                    // back-pressure: with the outbound buffer over its high-water mark, wait for this chunk
                    if (!ctx.channel().isWritable()) f.await();
                    if (f.isDone() && !f.isSuccess()) break;
                }
                ok = !cancelled && ctx.channel().isActive();
            } catch (InterruptedException e) {
                // cancelled while waiting for the socket
            } catch (Throwable t) {
                if (!cancelled) log.error("streamed body of {} failed; closing the connection", label, t);
            } finally {
                synchronized (this) {
                    thread = null; // after this, cancel() can no longer interrupt this (possibly pooled) thread
                }
                Thread.interrupted();
                closeQuietly(it);
            }
            boolean done = ok;
            onLoop(() -> {
                if (done) end();
                else fail();
            });
        }

        @Override
        void cancel() {
            cancelled = true;
            // wakes an iterator blocked in hasNext()/next(); the lock keeps the interrupt from reaching
            // whatever a pool thread runs after this stream
            synchronized (this) {
                if (thread != null) thread.interrupt();
            }
        }
    }

    /** A reactive publisher, on the loop: one chunk of demand at a time, only while writable. */
    private static final class Pushed extends BodyStreams implements Flow.Subscriber<byte[]> {
        private final Flow.Publisher<byte[]> source;
        private Flow.Subscription subscription; // loop only
        private boolean awaiting;                // a request(1) is outstanding
        private boolean cancelled;

        Pushed(ConnectionHandler c, ChannelHandlerContext ctx, String label, Flow.Publisher<byte[]> source) {
            super(c, ctx, label);
            this.source = source;
        }

        @Override
        void begin() {
            try {
                source.subscribe(this);
            } catch (Throwable t) {
                log.error("subscribing to the streamed body of {} failed", label, t);
                fail();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            onLoop(() -> {
                if (subscription != null || cancelled || finished()) {
                    s.cancel();
                    return;
                }
                subscription = s;
                requestMore();
            });
        }

        private void requestMore() {
            if (subscription == null || awaiting || cancelled || finished() || !ctx.channel().isWritable()) return;
            awaiting = true;
            subscription.request(1);
        }

        @Override
        public void onNext(byte[] item) {
            // always via the queue: a synchronous publisher would otherwise recurse through request(1)
            ctx.executor().execute(() -> {
                awaiting = false;
                if (cancelled || finished()) return;
                if (item != null && item.length > 0) ctx.writeAndFlush(chunk(item));
                requestMore();
            });
        }

        @Override
        public void onError(Throwable t) {
            ctx.executor().execute(() -> {
                if (!cancelled) log.error("streamed body of {} failed; closing the connection", label, t);
                fail();
            });
        }

        @Override
        public void onComplete() {
            ctx.executor().execute(this::end);
        }

        @Override
        void writabilityChanged() {
            requestMore();
        }

        @Override
        void cancel() {
            cancelled = true;
            if (subscription != null) subscription.cancel();
            fail();
        }
    }

    /**
     * A file: one zero-copy region (sendfile/splice where the transport has it) on a plain HTTP/1.1
     * connection. An HTTP/2 stream frames its data and TLS encrypts it, so neither can take a region:
     * there the file is read in chunks by a {@link ChunkedWriteHandler}, added to the pipeline the first
     * time a file is sent, so connections that never send one pay nothing for it.
     */
    private static final class FileStream extends BodyStreams {
        private static final int CHUNK = 64 * 1024;
        private final StreamingBody.FileBody file;

        FileStream(ConnectionHandler c, ChannelHandlerContext ctx, String label, StreamingBody.FileBody file) {
            super(c, ctx, label);
            this.file = file;
        }

        @Override
        void begin() {
            FileChannel ch;
            try {
                ch = FileChannel.open(file.path(), StandardOpenOption.READ);
            } catch (IOException e) {
                log.warn("{}: cannot open {}: {}; closing the connection", label, file.path(), e.toString());
                fail();
                return;
            }
            if (zeroCopy()) {
                // the region owns the channel and closes it when released, whether sent or not
                ctx.write(new DefaultFileRegion(ch, file.offset(), file.length()));
                end();
                return;
            }
            if (ctx.pipeline().get(ChunkedWriteHandler.class) == null) {
                ctx.pipeline().addBefore(ctx.name(), "chunked", new ChunkedWriteHandler());
            }
            try {
                // HttpChunkedInput ends with the LastHttpContent itself; it closes the file when done or dropped
                endedBy(ctx.writeAndFlush(new HttpChunkedInput(new ChunkedNioFile(ch, file.offset(), file.length(), CHUNK))));
            } catch (IOException e) {
                closeQuietly(ch);
                log.warn("{}: cannot read {}: {}; closing the connection", label, file.path(), e.toString());
                fail();
            }
        }

        /**
         * A region needs a socket (epoll, io_uring or NIO: all SocketChannels) carrying the bytes as they
         * are: not an HTTP/2 stream (a child channel, which frames them), not TLS, and not the in-process
         * test client's in-VM channel, whose peer would receive the region object instead of bytes.
         */
        private boolean zeroCopy() {
            return ctx.channel() instanceof io.netty.channel.socket.SocketChannel && ctx.pipeline().get(SslHandler.class) == null;
        }

        @Override
        void cancel() {
            fail();
        }
    }
}
