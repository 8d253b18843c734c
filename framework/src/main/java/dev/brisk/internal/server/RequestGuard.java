package dev.brisk.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The front of every HTTP/1 connection's pipeline (named {@code idle}, before the codec), inbound only:
 *
 * <ul>
 * <li><b>The idle timeout</b> ({@code BriskConfig.idleTimeout}): with nothing read for that long, an
 *     {@link IdleStateEvent} goes down the pipeline ({@link ConnectionHandler} closes an idle keep-alive
 *     connection; an HTTP/2 connection closes when no stream is open). What Netty's reader-only
 *     {@code IdleStateHandler} did, in this stage instead of one of its own: a stage costs a hop per read
 *     and that one also sat on every response's write and flush path.</li>
 * <li><b>A deadline for the whole request head</b> ({@code BriskConfig.headTimeout}), armed by the
 *     first byte of a head and disarmed when the decoder has the complete head. The idle timeout cannot
 *     do this: every trickled byte resets it (slowloris). When it fires on a connection with nothing
 *     else in flight the client gets 408 {@code {"detail":"Request Timeout"}}, else the connection is
 *     simply closed (an answer now would jump the queue of pipelined ones).</li>
 * <li><b>A raw scan of each head's bytes</b> ({@link HeadScan}) for what the decoder forgives; its finding
 *     is handed to {@link ConnectionHandler} with the decoded head, which applies it with the rest of
 *     {@link HeadRules} (a request the guard refuses is answered 400 and the connection closed).</li>
 * </ul>
 *
 * <p>Both timers are lazy: one timer per connection that is re-aimed when it fires, not a timer scheduled
 * and cancelled per request (two priority-queue operations and a task object per request, about a tenth
 * of the loop's time on /plaintext with keep-alive).
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("brisk.server");
    static final String NAME = "idle";

    private final ServerContext server;
    private final long deadlineNanos;
    private final long idleNanos;     // 0: no idle timeout (a test pipeline)
    private ChannelHandlerContext ctx;
    private boolean watching = true;  // false once the connection is HTTP/2: its codec checks its own frames
    private boolean awaitingHead = true;
    private ScheduledFuture<?> timer;
    private boolean armed;
    private long headStart;
    private final HeadScan scan = new HeadScan();
    private ScheduledFuture<?> idleTimer;
    private boolean reading;          // a read is under way: not idle, whatever the clock says
    private long lastRead;
    private boolean firstIdle = true;

    private RequestGuard(ServerContext server, long idleNanos) {
        this.server = server;
        this.deadlineNanos = server.config().headTimeout().toNanos();
        this.idleNanos = idleNanos;
    }

    /** Installs the guard, without an idle timeout, right before the pipeline's {@code codec}. */
    static RequestGuard install(ChannelPipeline pipeline, ServerContext server) {
        return install(pipeline, server, 0);
    }

    /**
     * Installs the guard right before the pipeline's {@code codec}, with the idle timeout ({@code idleNanos},
     * 0 for none), and tells the pipeline's {@link ConnectionHandler} about it.
     */
    static RequestGuard install(ChannelPipeline pipeline, ServerContext server, long idleNanos) {
        RequestGuard guard = new RequestGuard(server, idleNanos);
        pipeline.addBefore("codec", NAME, guard);
        ConnectionHandler handler = pipeline.get(ConnectionHandler.class);
        if (handler != null) handler.guard(guard);
        return guard;
    }

    /**
     * Stops watching request heads: the connection became HTTP/2, whose codec checks its own frames. Left
     * on, the watcher would arm the head deadline on HTTP/2 bytes that never complete an HTTP/1 head, and
     * the deadline would close the connection with every stream on it. The idle timeout stays.
     */
    static void uninstall(ChannelPipeline pipeline) {
        RequestGuard guard = pipeline.get(RequestGuard.class);
        if (guard != null) guard.stopWatching();
    }

    private void stopWatching() {
        watching = false;
        disarm();
        cancel(timer);
        timer = null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        if (context.channel().isActive() && context.channel().isRegistered()) startIdle();
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        startIdle();
        context.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext context) {
        stop();
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        reading = true;
        firstIdle = true;
        if (watching && awaitingHead && msg instanceof ByteBuf b && b.isReadable()) {
            arm();
            scan.scan(b);
        }
        context.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        if (reading && idleNanos > 0) lastRead = System.nanoTime();
        reading = false;
        context.fireChannelReadComplete();
    }

    /** From {@link ConnectionHandler}: the decoder has a complete head; what the scan found, or {@code null}. */
    Refused headDone() {
        disarm();
        awaitingHead = false;
        Refused refused = scan.refused;
        scan.reset();
        return refused;
    }

    /** From {@link ConnectionHandler}: the request's body ended; the next bytes start a head. */
    void awaitHead() {
        awaitingHead = true;
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        stop();
        context.fireChannelInactive();
    }

    private void stop() {
        disarm();
        cancel(timer);
        timer = null;
        cancel(idleTimer);
        idleTimer = null;
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) f.cancel(false);
    }

    private void startIdle() {
        if (idleNanos <= 0 || idleTimer != null || ctx == null) return;
        lastRead = System.nanoTime();
        idleTimer = ctx.executor().schedule(this::idleCheck, idleNanos, TimeUnit.NANOSECONDS);
    }

    // As IdleStateHandler's reader-idle task: idle once nothing was read for idleNanos; the event repeats
    // every idleNanos while the connection stays idle (the first one marked as first).
    private void idleCheck() {
        idleTimer = null;
        if (!ctx.channel().isOpen()) return;
        long left = reading ? idleNanos : idleNanos - (System.nanoTime() - lastRead);
        if (left > 0) {
            idleTimer = ctx.executor().schedule(this::idleCheck, left, TimeUnit.NANOSECONDS);
            return;
        }
        idleTimer = ctx.executor().schedule(this::idleCheck, idleNanos, TimeUnit.NANOSECONDS);
        IdleStateEvent evt = firstIdle ? IdleStateEvent.FIRST_READER_IDLE_STATE_EVENT : IdleStateEvent.READER_IDLE_STATE_EVENT;
        firstIdle = false;
        ctx.fireUserEventTriggered(evt);
    }

    private void arm() {
        if (armed || deadlineNanos <= 0) return;
        armed = true;
        headStart = System.nanoTime();
        if (timer == null) timer = ctx.executor().schedule(this::fire, deadlineNanos, TimeUnit.NANOSECONDS);
    }

    private void disarm() {
        armed = false;
    }

    // The timer may have been set for an earlier head: re-aim it at this head's deadline, or let it lapse
    // when no head is pending (the next head's arm() sets a new one).
    private void fire() {
        timer = null;
        if (!armed || !ctx.channel().isActive()) return;
        long left = headStart + deadlineNanos - System.nanoTime();
        if (left > 0) {
            timer = ctx.executor().schedule(this::fire, left, TimeUnit.NANOSECONDS);
        } else {
            expired();
        }
    }

    private void expired() {
        armed = false;
        log.debug("{}: request head not complete within {}; closing", ctx.channel().remoteAddress(),
                server.config().headTimeout());
        ConnectionHandler handler = ctx.pipeline().get(ConnectionHandler.class);
        if (handler != null && handler.idle()) {
            var res = server.encoder().encode(server.dispatcher().errorResponse(408), false, false, false);
            // from the pipeline's tail: this stage sits before the codec, which must encode the answer
            ctx.channel().writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** A request the guard refuses, with the status to answer. */
    static final class Refused extends IllegalArgumentException {
        final int status;

        Refused(int status, String why) {
            super(why, null);
            this.status = status;
        }
    }

    /**
     * What the decoder forgives and only the raw bytes show: obs-fold (a header line starting with SP or HTAB,
     * which the decoder silently joins to the previous one) and whitespace before the request line (which the
     * decoder skips). The request line's own rules are checked by {@link Http1Codec.Decoder} in the parts the
     * decoder already split. So the scan looks at a head's first byte and at the first byte of each line,
     * finding the lines' ends with a vectorised search, and stops at the head's blank line: bodies are never
     * scanned. (A head pipelined behind a body in the same read is not scanned: the decoder still parses it
     * consistently, so the check only costs strictness there, not safety.)
     */
    private static final class HeadScan {
        Refused refused;
        private boolean started;    // past the empty lines a head may start with
        private boolean inLine;     // inside a line: its end is all that matters
        private boolean cr;         // a CR at a line's start: the head ends if LF follows
        private boolean done;

        void scan(ByteBuf b) {
            int i = b.readerIndex();
            int end = b.writerIndex();
            while (i < end && !done) {
                if (inLine) {
                    int lf = b.indexOf(i, end, (byte) '\n');
                    if (lf < 0) return;
                    inLine = false;
                    i = lf + 1;
                    continue;
                }
                byte c = b.getByte(i++);
                if (!started) {
                    if (c == '\r' || c == '\n') continue;          // RFC 9112 §2.2: empty lines before a request
                    if (c == ' ' || c == '\t') refused = new Refused(400, "malformed request line");
                    started = inLine = true;
                } else if (c == '\n') {
                    done = true;                                     // the blank line ending the head
                } else if (c == '\r' && !cr) {
                    cr = true;
                } else {
                    if ((c == ' ' || c == '\t') && refused == null) refused = new Refused(400, "obs-fold header line");
                    cr = false;
                    inLine = true;
                }
            }
        }

        void reset() {
            refused = null;
            started = inLine = cr = done = false;
        }
    }
}
