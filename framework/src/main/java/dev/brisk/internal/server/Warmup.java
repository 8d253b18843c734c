package dev.brisk.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Work the first request would otherwise pay for, done before the port opens. Netty's adaptive
 * allocator registers its JFR event types and builds its first chunk on the first buffer a thread
 * asks for: about 200 ms on the event loop of the first connection, a stall the watchdog reports
 * and the first client waits for (./brisk starts the JVM with -Dio.netty.jfr.enabled=false, which
 * spares the JFR part). One small buffer per loop thread moves it to start-up; the Date header's
 * first value is made there too.
 */
final class Warmup {
    private Warmup() {}

    /**
     * Netty's one-time class initialisation, without allocating: the transport (io_uring's native
     * library, extracted from the jar and loaded), Netty's platform probes and direct-buffer cleaner, the
     * default allocator, the server bootstrap and the HTTP codec. Run on a thread of its own while the
     * main thread builds the app (dev.brisk.StartAhead); no buffer is taken here, as the allocator would
     * keep a cache for a thread that is about to end.
     */
    static void classes() {
        Transport t = Transport.pick();
        try {
            Class.forName(t.serverChannel().getName(), true, Warmup.class.getClassLoader());
        } catch (ClassNotFoundException impossible) {
            throw new IllegalStateException(impossible);
        }
        ByteBufAllocator.DEFAULT.isDirectBufferPooled();   // initialises ByteBufUtil, PlatformDependent, the allocator
        new io.netty.bootstrap.ServerBootstrap();
        new Http1Codec.Decoder(new io.netty.handler.codec.http.HttpDecoderConfig());
        new Http1Codec.Encoder();
        new io.netty.handler.timeout.IdleStateHandler(1, 0, 0, TimeUnit.SECONDS);
    }

    static void loops(EventLoopGroup group) throws InterruptedException {
        List<Future<?>> done = new ArrayList<>();
        for (EventExecutor e : group) {
            done.add(e.submit(() -> {
                ByteBuf direct = ByteBufAllocator.DEFAULT.directBuffer(256);
                direct.writeLong(0);
                direct.release();
                ByteBuf heap = ByteBufAllocator.DEFAULT.heapBuffer(256);
                heap.release();
                DateHeader.refresh();
            }));
        }
        for (Future<?> f : done) f.await(10, TimeUnit.SECONDS);
    }
}
