package dev.brisk.internal.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code BriskConfig.maxConnections}: counts open connections and answers the one over the limit with
 * a 503 before any HTTP handler is installed for it, then closes it. Counting happens on accept, so a
 * flood of idle connections (each one a file descriptor and a pipeline) is refused before it costs more.
 */
final class ConnectionLimit {
    private static final Logger log = LoggerFactory.getLogger("brisk.server");

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final byte[] refusal;

    ConnectionLimit(int max, int retryAfterSeconds) {
        this.max = max;
        String body = "{\"detail\":\"Service Unavailable\"}";
        this.refusal = ("HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: "
                + body.length() + "\r\nretry-after: " + retryAfterSeconds + "\r\nconnection: close\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code ch} may be served; if not, it has been answered 503 and is closing. */
    boolean admit(Channel ch) {
        if (max <= 0) return true;
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            log.debug("{}: over the limit of {} connections, answering 503", ch.remoteAddress(), max);
            ch.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    int open() {
        return open.get();
    }
}
