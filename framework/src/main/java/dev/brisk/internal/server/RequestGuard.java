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
     * What the decoder forgives and a raw scan of the head still sees: obs-fold (a header line starting
     * with SP or HTAB, which the decoder silently joins to the previous one) and a request line with
     * runs of whitespace or a version not spelled {@code HTTP/} exactly. Stops at the head's blank line,
     * so bodies are never scanned. (A head pipelined behind a body in the same read is not scanned: the
     * decoder still parses it consistently, so the check only costs strictness there, not safety.)
     */
    private static final class HeadScan {
        Refused refused;
        private final byte[] chunk = new byte[128];
        private int line;          // 0: request line (after optional leading empty lines)
        private int column;        // bytes on the current line, CR excluded
        private int spaces;        // separators seen on the request line
        private int versionAt = -1;
        private boolean lastWasSpace;
        private boolean done;

        /**
         * Feeds the head's bytes in {@code b}: byte by byte on the request line and at each line's start (where
         * the checks are), and a vectorised search for the line's end in between (a per-byte callback through
         * {@code forEachByte} cost a few percent of the loop on small requests).
         */
        void scan(ByteBuf b) {
            int i = b.readerIndex();
            int end = b.writerIndex();
            if (line == 0 && column == 0 && spaces == 0 && !done) i = wholeRequestLine(b, i, end);
            while (i < end && !done) {
                if (line == 0) {
                    // the request line, copied out a chunk at a time: a getByte per byte on a direct
                    // buffer (bounds and liveness checks each) was most of this scan's cost
                    int n = Math.min(end - i, chunk.length);
                    b.getBytes(i, chunk, 0, n);
                    int k = 0;
                    while (k < n && line == 0 && !done) process(chunk[k++]);
                    i += k;
                    continue;
                }
                if (column == 0) {
                    process(b.getByte(i++));
                    continue;
                }
                int lf = b.indexOf(i, end, (byte) '\n');
                if (lf < 0) return;          // the rest of a header line: nothing to check before its end
                process((byte) '\n');       // column was > 0: all that matters past a line's first byte
                i = lf + 1;
            }
        }

        /**
         * The common case, a request line that arrived whole: the same rules as {@link #requestLine} in one
         * tight pass over a copy (no per-byte state in fields), returning where the header lines start. A
         * line split across reads, longer than the copy, starting with an empty line or holding a stray CR
         * is left to the byte-at-a-time path (returns {@code i} untouched).
         */
        private int wholeRequestLine(ByteBuf b, int i, int end) {
            int lf = b.indexOf(i, Math.min(end, i + chunk.length), (byte) '\n');
            if (lf <= i) return i;
            int len = lf - i;
            b.getBytes(i, chunk, 0, len);
            if (chunk[len - 1] == '\r') len--;
            if (len == 0) return i;
            int seps = 0;
            int version = -1;
            boolean bad = false;
            boolean prevSpace = false;
            for (int k = 0; k < len; k++) {
                byte c = chunk[k];
                if (c == '\r') return i;
                if (c == ' ') {
                    bad |= prevSpace || k == 0;
                    if (++seps == 2) version = k + 1;
                    prevSpace = true;
                } else {
                    bad |= c == '\t';
                    prevSpace = false;
                }
            }
            if (bad) {
                refused = new Refused(400, "malformed request line");
            } else if (version >= 0) {
                for (int k = version; k < len && k - version < 5; k++) {
                    if (chunk[k] != "HTTP/".charAt(k - version)) {
                        refused = new Refused(400, "malformed HTTP version");
                        break;
                    }
                }
            }
            line = 1;
            return lf + 1;
        }

        void reset() {
            refused = null;
            line = column = spaces = 0;
            versionAt = -1;
            lastWasSpace = done = false;
        }

        private boolean process(byte b) {
            if (done) return false;
            if (b == '\n') {
                if (column == 0 && line > 0) done = true;      // the blank line ending the head
                if (column > 0 || line > 0) line++;             // leading empty lines are not the request line
                column = 0;
                return !done;
            }
            if (b == '\r') return true;
            if (column == 0 && line > 0 && (b == ' ' || b == '\t') && refused == null) {
                refused = new Refused(400, "obs-fold header line");
            }
            if (line == 0 && refused == null) requestLine(b);
            column++;
            return true;
        }

        private void requestLine(byte b) {
            boolean space = b == ' ' || b == '\t';
            if (space && (lastWasSpace || b == '\t' || column == 0)) refused = new Refused(400, "malformed request line");
            if (space) {
                spaces++;
                if (spaces == 2) versionAt = column + 1;
            } else if (versionAt >= 0 && column - versionAt < 5 && b != "HTTP/".charAt(column - versionAt)) {
                refused = new Refused(400, "malformed HTTP version");
            }
            lastWasSpace = space;
        }
    }
}
