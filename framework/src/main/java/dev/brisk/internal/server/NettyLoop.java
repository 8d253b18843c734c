package dev.brisk.internal.server;

import dev.brisk.internal.dispatch.LoopContext;
import dev.brisk.internal.watchdog.LoopProbe;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A Netty event loop seen through Brisk's {@link dev.brisk.Loop} API. */
final class NettyLoop implements LoopContext {
    private final EventLoop loop;
    private final LoopProbe probe;

    NettyLoop(EventLoop loop, String name) {
        this.loop = loop;
        this.probe = new LoopProbe(name);
    }

    EventLoop eventLoop() {
        return loop;
    }

    @Override
    public String name() {
        return probe.name();
    }

    @Override
    public boolean inLoop() {
        return loop.inEventLoop();
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public LoopProbe probe() {
        return probe;
    }
}
