package dev.brisk.internal.server;

import dev.brisk.BriskConfig;
import dev.brisk.internal.dispatch.Dispatcher;
import io.netty.channel.EventLoop;
import java.util.Map;

/** What every connection of one server shares. */
final class ServerContext {
    private final BriskConfig config;
    private final Dispatcher dispatcher;
    private final ResponseEncoder encoder;
    private final dev.brisk.params.FormLimits formLimits;
    private final Map<EventLoop, NettyLoop> loops;
    private volatile boolean shuttingDown;
    private final TrustedProxies proxies;   // null: proxy headers off
    private final boolean tls;
    private volatile dev.brisk.internal.dispatch.WebSocketDispatch webSockets;
    private final java.util.concurrent.atomic.AtomicInteger openSockets = new java.util.concurrent.atomic.AtomicInteger();

    ServerContext(BriskConfig config, Dispatcher dispatcher, Map<EventLoop, NettyLoop> loops) {
        this.config = config;
        this.proxies = config.deployment().proxyHeaders() ? TrustedProxies.parse(config.deployment().forwardedAllowIps()) : null;
        this.tls = config.deployment().tls();
        this.dispatcher = dispatcher;
        this.encoder = new ResponseEncoder(config.serverHeader());
        this.loops = loops;
        this.formLimits = new dev.brisk.params.FormLimits(config.maxFormParts(), config.maxFormFields(), config.maxFormFiles());
    }

    BriskConfig config() { return config; }
    Dispatcher dispatcher() { return dispatcher; }
    ResponseEncoder encoder() { return encoder; }
    dev.brisk.params.FormLimits formLimits() { return formLimits; }
    boolean shuttingDown() { return shuttingDown; }
    TrustedProxies proxies() { return proxies; }
    boolean tls() { return tls; }
    void shutDown() { shuttingDown = true; }
    /** The app's WebSocket endpoints, or {@code null} when it has none. */
    dev.brisk.internal.dispatch.WebSocketDispatch webSockets() { return webSockets; }
    void webSockets(dev.brisk.internal.dispatch.WebSocketDispatch value) { webSockets = value; }
    void socketStarted() { openSockets.incrementAndGet(); }
    void socketEnded() { openSockets.decrementAndGet(); }
    int openSockets() { return openSockets.get(); }

    NettyLoop loopOf(EventLoop eventLoop) {
        NettyLoop l = loops.get(eventLoop);
        if (l == null) throw new IllegalStateException("channel on an unknown event loop: " + eventLoop);
        return l;
    }
}
