package dev.brisk.internal.server;

import dev.brisk.WebSocketMessage;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbound side of one {@link WebSocketSession}: a message becomes a frame, the bytes not yet
 * written to the client are counted against {@code WebSocketOptions.maxPendingSendBytes} (a slow client
 * cannot make the server buffer without limit), and each send gets a stage that completes when its
 * frame is written. The session decides whether a send may happen at all (its state) and how its
 * stage is awaited (its lane).
 */
final class WebSocketSends {
    private final WebSocketSession session;
    private final AtomicLong pendingBytes = new AtomicLong();

    WebSocketSends(WebSocketSession session) {
        this.session = session;
    }

    /** Writes {@code m} on the open socket's frames; the stage fails at once over the pending-bytes limit. */
    CompletableFuture<Void> write(WebSocketFrames f, WebSocketMessage m) {
        WebSocketFrame frame = m.isText()
                ? new TextWebSocketFrame(ByteBufUtil.writeUtf8(f.ctx.alloc(), m.text()))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(m.bytes()));
        int size = frame.content().readableBytes();
        long before = pendingBytes.get();
        long limit = session.options.maxPendingSendBytes();
        if (before > 0 && before + size > limit) {
            frame.release();
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "send refused: " + before + " bytes not yet written to a slow client (limit " + limit + ")"));
        }
        pendingBytes.addAndGet(size);
        Sent done = new Sent(size);
        f.write(frame, done);
        return done;
    }

    long pending() {
        return pendingBytes.get();
    }

    /**
     * A send's stage, which is also its write listener: when the frame is written (or fails) the pending
     * bytes are freed and the stage completes, marked as this socket's route for the watchdog. One
     * object per message instead of a future and two lambdas: this is the echo path's hot loop.
     */
    private final class Sent extends CompletableFuture<Void>
            implements io.netty.util.concurrent.GenericFutureListener<io.netty.util.concurrent.Future<? super Void>>, Runnable {
        private final int size;
        private io.netty.util.concurrent.Future<? super Void> written;

        Sent(int size) {
            this.size = size;
        }

        @Override
        public void operationComplete(io.netty.util.concurrent.Future<? super Void> future) {
            pendingBytes.addAndGet(-size);
            written = future;
            session.loop.probe().runAs(session.label, this);
        }

        @Override
        public void run() {
            if (written.isSuccess()) complete(null);
            else completeExceptionally(session.channel().isActive() ? written.cause() : session.disconnect());
        }
    }
}
