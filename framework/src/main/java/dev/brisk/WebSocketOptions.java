package dev.brisk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * WebSocket settings of an app, {@code config.webSockets()}:
 *
 * <pre>{@code
 * BriskConfig config = new BriskConfig();
 * config.webSockets().maxMessageSize(64 * 1024).allowedOrigins(List.of("https://example.com"))
 *       .pingInterval(Duration.ofSeconds(20)).idleTimeout(Duration.ofMinutes(5));
 * }</pre>
 */
public final class WebSocketOptions {
    private int maxMessageSize = 1 << 20;
    private long maxPendingSendBytes = 1 << 20;
    private int inboundQueue = 16;
    private Duration pingInterval = Duration.ofSeconds(20);
    private Duration pingTimeout = Duration.ofSeconds(20);
    private Duration idleTimeout = Duration.ZERO;
    private Duration closeTimeout = Duration.ofSeconds(5);
    private List<String> allowedOrigins = List.of();
    private boolean compression = true;

    /** Largest message (all fragments) accepted; a larger one closes the socket with 1009. Default 1 MiB. */
    public int maxMessageSize() { return maxMessageSize; }
    public WebSocketOptions maxMessageSize(int bytes) {
        if (bytes < 125) throw new IllegalArgumentException("maxMessageSize must be at least 125");
        maxMessageSize = bytes;
        return this;
    }

    /** Bytes of sends not yet written to the socket before a send fails. Default 1 MiB. */
    public long maxPendingSendBytes() { return maxPendingSendBytes; }
    public WebSocketOptions maxPendingSendBytes(long bytes) {
        if (bytes < 1) throw new IllegalArgumentException("maxPendingSendBytes must be positive");
        maxPendingSendBytes = bytes;
        return this;
    }

    /** Messages received but not yet consumed before the server stops reading the socket. Default 16. */
    public int inboundQueue() { return inboundQueue; }
    public WebSocketOptions inboundQueue(int messages) {
        if (messages < 1) throw new IllegalArgumentException("inboundQueue must be positive");
        inboundQueue = messages;
        return this;
    }

    /** How often the server pings (zero: never). Default 20 s, as uvicorn. */
    public Duration pingInterval() { return pingInterval; }
    public WebSocketOptions pingInterval(Duration d) { pingInterval = nonNegative(d); return this; }

    /** How long a ping may go unanswered before the socket is closed with 1011. Default 20 s. */
    public Duration pingTimeout() { return pingTimeout; }
    public WebSocketOptions pingTimeout(Duration d) { pingTimeout = nonNegative(d); return this; }

    /** Close (1001) a socket with no message either way for this long (zero: never, the default). */
    public Duration idleTimeout() { return idleTimeout; }
    public WebSocketOptions idleTimeout(Duration d) { idleTimeout = nonNegative(d); return this; }

    /** How long to wait for the peer's close frame after sending ours. Default 5 s. */
    public Duration closeTimeout() { return closeTimeout; }
    public WebSocketOptions closeTimeout(Duration d) { closeTimeout = nonNegative(d); return this; }

    /** Origins a browser may connect from (exact {@code Origin} values); empty, the default: any. Others get 403. */
    public List<String> allowedOrigins() { return allowedOrigins; }
    public WebSocketOptions allowedOrigins(List<String> origins) { allowedOrigins = List.copyOf(origins); return this; }

    /** Whether permessage-deflate is negotiated when the client offers it. Default on. */
    public boolean compression() { return compression; }
    public WebSocketOptions compression(boolean on) { compression = on; return this; }

    WebSocketOptions copy() {
        WebSocketOptions c = new WebSocketOptions();
        c.maxMessageSize = maxMessageSize; c.maxPendingSendBytes = maxPendingSendBytes; c.inboundQueue = inboundQueue;
        c.pingInterval = pingInterval; c.pingTimeout = pingTimeout; c.idleTimeout = idleTimeout;
        c.closeTimeout = closeTimeout; c.allowedOrigins = allowedOrigins; c.compression = compression;
        return c;
    }

    private static Duration nonNegative(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) throw new IllegalArgumentException("negative duration " + d);
        return d;
    }
}
