package dev.brisk.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two connection-level defences around Netty's HTTP/1.1 decoder, kept out of {@link ConnectionHandler}:
 *
 * <ul>
 * <li><b>A deadline for the whole request head</b> ({@code BriskConfig.headTimeout}), armed by the
 *     first byte of a head and disarmed when the decoder has the complete head. The idle timeout cannot
 *     do this: every trickled byte resets it (slowloris). When it fires on a connection with nothing
 *     else in flight the client gets 408 {@code {"detail":"Request Timeout"}}, else the connection is
 *     simply closed (an answer now would jump the queue of pipelined ones).</li>
 * <li><b>RFC 9112's strict rejections</b> the decoder lets through (header validation is off there for
 *     speed): a request target with a control character, space, NUL or non-ASCII byte; a header name
 *     that is not a token (e.g. with a space before the colon); a header value with a control character
 *     other than HTAB, which is also what a joined obs-fold line leaves behind. The request is marked as
 *     a decoder failure, so {@link ConnectionHandler} answers 400 and closes, as for any malformed head.</li>
 * </ul>
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("brisk.server");

    private final ServerContext server;
    private final long deadlineNanos;
    private ChannelHandlerContext ctx;
    private boolean awaitingHead = true;
    // The head deadline is lazy, as IdleStateHandler's: one timer per connection that is re-aimed when it
    // fires, not a timer scheduled and cancelled per request (two priority-queue operations and a task
    // object per request, about a tenth of the loop's time on /plaintext with keep-alive).
    private ScheduledFuture<?> timer;
    private boolean armed;
    private long headStart;
    private final HeadScan scan = new HeadScan();

    private RequestGuard(ServerContext server) {
        this.server = server;
        this.deadlineNanos = server.config().headTimeout().toNanos();
    }

    /** Installs the guard after, and its byte watcher before, the pipeline's {@code codec}. */
    static void install(ChannelPipeline pipeline, ServerContext server) {
        RequestGuard guard = new RequestGuard(server);
        pipeline.addBefore("codec", "head-watch", guard.new HeadWatch());
        pipeline.addAfter("codec", "guard", guard);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        if (msg instanceof HttpRequest req) {
            disarm();
            awaitingHead = false;
            Refused refused = scan.refused;
            scan.reset();
            String te = req.headers().get(HttpHeaderNames.TRANSFER_ENCODING);
            if (te != null && req.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING).size() == 1
                    && !te.trim().equalsIgnoreCase("chunked") && !req.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                // RFC 9112 §6.1: a transfer coding the server does not understand (h11 answers the same)
                refused = new Refused(501, "unsupported Transfer-Encoding");
            }
            if (refused == null && req.decoderResult().isSuccess()) {
                String why = violation(req);
                if (why != null) refused = new Refused(400, why);
            }
            if (refused != null) req.setDecoderResult(DecoderResult.failure(refused));
        }
        if (msg instanceof LastHttpContent) awaitingHead = true;
        context.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        disarm();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        context.fireChannelInactive();
    }

    /** Why the head breaks RFC 9112, or {@code null}. Rewrites an absolute-form target to origin-form. */
    static String violation(HttpRequest req) {
        String uri = req.uri();
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f) return "request target holds byte 0x" + Integer.toHexString(c);
        }
        if (!uri.startsWith("/")) {
            if (uri.equals("*")) {
                if (!req.method().equals(HttpMethod.OPTIONS)) return "asterisk-form target on " + req.method();
            } else if (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8)) {
                // RFC 9112 §3.2.2: a server MUST accept the absolute form; route on its path
                int slash = uri.indexOf('/', uri.indexOf("//") + 2);
                int query = uri.indexOf('?', uri.indexOf("//") + 2);
                req.setUri(slash >= 0 && (query < 0 || slash < query) ? uri.substring(slash)
                        : "/" + (query >= 0 ? uri.substring(query) : ""));
            } else {
                return "request target in neither origin, absolute nor asterisk form";
            }
        }
        int hosts = 0;   // counted in the one pass over the headers: getAll(HOST) would build a list per request
        for (Iterator<Map.Entry<CharSequence, CharSequence>> it = req.headers().iteratorCharSequence(); it.hasNext(); ) {
            Map.Entry<CharSequence, CharSequence> h = it.next();
            if (!isToken(h.getKey())) return "header name is not a token";
            if (HttpHeaderNames.HOST.contentEqualsIgnoreCase(h.getKey())) hosts++;
            CharSequence v = h.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) return "header value holds control byte 0x" + Integer.toHexString(c);
            }
        }
        if (hosts != 1 && req.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            return "HTTP/1.1 request without exactly one Host header"; // RFC 9112 §3.2: MUST answer 400
        }
        return null;
    }

    private static boolean isToken(CharSequence s) {
        if (s.length() == 0) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) return false;
        }
        return true;
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
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    /** Before the decoder: sees the raw bytes, so the deadline starts at a head's first byte. */
    private final class HeadWatch extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext context, Object msg) {
            if (awaitingHead && msg instanceof ByteBuf b && b.isReadable()) {
                arm();
                scan.scan(b);
            }
            context.fireChannelRead(msg);
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
            while (i < end && !done) {
                if (line == 0 || column == 0) {
                    process(b.getByte(i++));
                    continue;
                }
                int lf = b.indexOf(i, end, (byte) '\n');
                if (lf < 0) return;          // the rest of a header line: nothing to check before its end
                process((byte) '\n');       // column was > 0: all that matters past a line's first byte
                i = lf + 1;
            }
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
