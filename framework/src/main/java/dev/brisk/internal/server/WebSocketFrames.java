package dev.brisk.internal.server;

import dev.brisk.WebSocketDisconnect;
import dev.brisk.WebSocketMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GenericFutureListener;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of an accepted socket: joins fragments into whole messages (copied out at once, so no
 * reference-counted buffer reaches the endpoint), enforces the message size (1009), answers pings,
 * runs the close handshake, pings the peer to keep the connection alive and closes idle sockets.
 * Netty's frame decoder before it already rejects bad masking, oversized frames, fragmented control
 * frames and bad close codes (1002/1009) and invalid UTF-8 (1007, with its validator). Flushes are
 * batched per read, as for HTTP.
 */
final class WebSocketFrames extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger("brisk.websocket");
    private final WebSocketSession session;
    ChannelHandlerContext ctx;
    private byte[] partial; // a fragmented message being joined
    private int partialLength;
    private boolean partialText;
    private boolean assembling;
    private boolean reading;
    private boolean needsFlush;
    // Idle and ping decisions need no clock read per message: a message (either way) sets `active`,
    // and the ticker, which runs at least four times per idle timeout, turns that into a time.
    private boolean active;
    private long lastMessageNanos = System.nanoTime();
    private long pingSentNanos;
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> closeTimer;
    private WebSocketDisconnect endedWith;

    WebSocketFrames(WebSocketSession session) {
        this.session = session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        Duration ping = session.options.pingInterval();
        Duration idle = session.options.idleTimeout();
        long period = Math.min(ping.isZero() ? Long.MAX_VALUE : ping.toNanos(), idle.isZero() ? Long.MAX_VALUE : idle.toNanos() / 4);
        if (period != Long.MAX_VALUE) {
            ticker = context.executor().scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        reading = true;
        try {
            if (msg instanceof WebSocketFrame f) frame(f);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void frame(WebSocketFrame f) {
        WebSocketSession.State state = session.state;
        if (state == WebSocketSession.State.CLOSED) return;
        if (f instanceof PingWebSocketFrame) {
            ctx.write(new PongWebSocketFrame(f.content().retainedDuplicate()), ctx.voidPromise());
            needsFlush = true;
        } else if (f instanceof PongWebSocketFrame) {
            pingSentNanos = 0;
        } else if (f instanceof CloseWebSocketFrame c) {
            peerClose(c);
        } else if (state == WebSocketSession.State.OPEN) {
            data(f);
        } // data after a close frame: dropped
    }

    private void data(WebSocketFrame f) {
        ByteBuf content = f.content();
        int n = content.readableBytes();
        int max = session.options.maxMessageSize();
        if ((assembling ? partialLength : 0) + (long) n > max) {
            partial = null;
            assembling = false;
            session.failConnection(1009, "message too big (limit " + max + " bytes)");
            return;
        }
        active = true;
        boolean continuation = f instanceof ContinuationWebSocketFrame;
        if (!continuation && f.isFinalFragment()) { // the common case: one frame, one message
            session.deliver(f instanceof TextWebSocketFrame ? WebSocketMessage.text(content.toString(StandardCharsets.UTF_8))
                    : WebSocketMessage.binary(ByteBufUtil.getBytes(content)));
            return;
        }
        if (!continuation) {
            assembling = true;
            partialText = f instanceof TextWebSocketFrame;
            partialLength = 0;
            partial = new byte[Math.max(256, Math.min(max, n * 2))];
        }
        if (partialLength + n > partial.length) partial = Arrays.copyOf(partial, Math.min(max, Math.max(partial.length * 2, partialLength + n)));
        content.getBytes(content.readerIndex(), partial, partialLength, n);
        partialLength += n;
        if (f.isFinalFragment()) {
            byte[] whole = Arrays.copyOf(partial, partialLength);
            partial = null;
            assembling = false;
            session.deliver(partialText ? WebSocketMessage.text(new String(whole, StandardCharsets.UTF_8)) : WebSocketMessage.binary(whole));
        }
    }

    private void peerClose(CloseWebSocketFrame c) {
        int code = c.statusCode() < 0 ? 1005 : c.statusCode();
        endedWith = new WebSocketDisconnect(code, c.reasonText());
        if (session.state == WebSocketSession.State.OPEN) {
            session.peerClosed(code, c.reasonText());
            // echo the peer's code (an empty close for none), then close the TCP connection
            CloseWebSocketFrame reply = code == 1005 ? new CloseWebSocketFrame(true, 0, Unpooled.EMPTY_BUFFER)
                    : new CloseWebSocketFrame(true, 0, ctx.alloc().buffer(2).writeShort(code));
            ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close(); // the answer to our close
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext context) {
        reading = false;
        if (needsFlush) {
            needsFlush = false;
            context.flush();
        }
        context.fireChannelReadComplete();
    }

    /** Any thread: writes a frame; inside a read batch on the loop, the flush waits for the batch's end. */
    void write(WebSocketFrame frame, GenericFutureListener<io.netty.util.concurrent.Future<? super Void>> done) {
        active = true; // from a worker thread too: a late or lost sighting moves the idle time by one tick at most
        if (ctx.executor().inEventLoop() && reading) {
            ctx.write(frame).addListener(done);
            needsFlush = true;
        } else {
            ctx.writeAndFlush(frame).addListener(done);
        }
    }

    /** On the loop: our close frame, then the TCP close as soon as it is written (failing the connection). */
    void closeNow(CloseWebSocketFrame frame) {
        ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
    }

    void pause() {
        ctx.channel().config().setAutoRead(false);
    }

    void resume() {
        ctx.channel().config().setAutoRead(true);
        ctx.read();
    }

    /** On the loop: sends our close frame; the TCP connection closes on the peer's answer or after {@code wait}. */
    void closeAndWait(CloseWebSocketFrame frame, Duration wait) {
        ctx.writeAndFlush(frame);
        closeTimer = ctx.executor().schedule(() -> ctx.close(), wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** On the loop, at server shutdown: close with 1001 (going away). */
    void goingAway() {
        session.startClose(1001, "server shutting down");
    }

    private void tick() {
        if (session.state != WebSocketSession.State.OPEN) return;
        long now = System.nanoTime();
        if (active) {
            active = false;
            lastMessageNanos = now;
        }
        Duration idle = session.options.idleTimeout();
        if (!idle.isZero() && now - lastMessageNanos > idle.toNanos()) {
            session.startClose(1001, "idle timeout");
            return;
        }
        Duration ping = session.options.pingInterval();
        if (ping.isZero() || pingSentNanos != 0 || now - lastMessageNanos < ping.toNanos() / 2) return;
        pingSentNanos = now;
        long sent = now;
        ctx.writeAndFlush(new PingWebSocketFrame(ctx.alloc().buffer(8).writeLong(now)));
        Duration timeout = session.options.pingTimeout();
        if (timeout.isZero()) return;
        ctx.executor().schedule(() -> {
            if (pingSentNanos == sent && session.state == WebSocketSession.State.OPEN) {
                log.debug("{}: no pong within {} ms, closing", session.label, timeout.toMillis());
                session.startClose(1011, "keepalive ping timeout");
                ctx.close();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        if (ticker != null) ticker.cancel(false);
        if (closeTimer != null) closeTimer.cancel(false);
        partial = null;
        session.ended(endedWith != null ? endedWith : new WebSocketDisconnect(1006, "connection closed without a close frame"));
        context.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException bad) {
            // The decoder (closeOnProtocolViolation off) discards the rest of the input; we fail the
            // connection ourselves so every violation, a bad close frame's included, gets its close code.
            int code = bad.closeStatus().code();
            log.debug("{}: protocol violation, closing with {}: {}", session.label, code, bad.getMessage());
            endedWith = new WebSocketDisconnect(code, bad.closeStatus().reasonText());
            session.peerClosed(code, endedWith.reason());
            if (context.channel().isActive()) {
                context.writeAndFlush(new CloseWebSocketFrame(bad.closeStatus())).addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (cause instanceof io.netty.handler.codec.compression.DecompressionException bad
                && session.state == WebSocketSession.State.OPEN) {
            // permessage-deflate: a small frame that inflates past the limit (capped at maxMessageSize), or garbage
            boolean tooBig = String.valueOf(bad.getMessage()).contains("maximum");
            log.debug("{}: bad compressed message, closing: {}", session.label, bad.getMessage());
            session.failConnection(tooBig ? 1009 : 1007, tooBig ? "message too big" : "invalid compressed data");
            return;
        }
        log.debug("{}: connection error: {}", session.label, cause.toString());
        context.close();
    }

    /** Close codes an endpoint may send (RFC 6455 7.4: 1005, 1006 and 1015 never go on the wire). */
    static boolean validServerCode(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
