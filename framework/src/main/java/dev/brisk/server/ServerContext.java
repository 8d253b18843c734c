package dev.brisk.server;

import dev.brisk.BriskConfig;
import dev.brisk.dispatch.Dispatcher;
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

    ServerContext(BriskConfig config, Dispatcher dispatcher, Map<EventLoop, NettyLoop> loops) {
        this.config = config;
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
    void shutDown() { shuttingDown = true; }

    NettyLoop loopOf(EventLoop eventLoop) {
        NettyLoop l = loops.get(eventLoop);
        if (l == null) throw new IllegalStateException("channel on an unknown event loop: " + eventLoop);
        return l;
    }
}
