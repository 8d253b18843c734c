package dev.brisk.tfb;

import io.netty.channel.IoEventLoop;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.nio.NioIoHandle;
import io.netty.channel.uring.IoUringIoHandle;
import io.vertx.core.transport.Transport;
import java.util.Locale;

/**
 * Which Vert.x transport to run on. Two uses: the Vert.x peer runs on the <b>same</b> socket
 * transport as Brisk (io_uring where the kernel allows it, else epoll, else NIO; the {@code
 * brisk.transport} property forces one, as for Brisk), so the comparison is not io_uring against
 * epoll; and {@link AsyncDb} must open its connections with channels that Brisk's loop can carry.
 */
final class VertxTransports {
    private VertxTransports() {
    }

    /** The transport Brisk itself picks (see Brisk's {@code Transport}); {@code name} overrides it. */
    static Transport pick(String name) {
        String forced = (name == null || name.isBlank() ? System.getProperty("brisk.transport", "") : name)
                .toLowerCase(Locale.ROOT);
        if ((forced.isEmpty() || forced.equals("io_uring")) && available(Transport.IO_URING)) return Transport.IO_URING;
        if ((forced.isEmpty() || forced.equals("io_uring") || forced.equals("epoll")) && available(Transport.EPOLL)) {
            return Transport.EPOLL;
        }
        return Transport.NIO;
    }

    /** Whether channels of {@code transport} can be registered on {@code loop} (a Brisk loop, say). */
    static boolean fits(Transport transport, IoEventLoop loop) {
        return switch (transport.name()) {
            case "io_uring" -> loop.isCompatible(IoUringIoHandle.class);
            case "epoll" -> loop.isCompatible(EpollIoHandle.class);
            case "nio" -> loop.isCompatible(NioIoHandle.class);
            default -> false;
        };
    }

    private static boolean available(Transport t) {
        try {
            return t != null && t.available();
        } catch (Throwable unavailable) {
            return false;
        }
    }
}
