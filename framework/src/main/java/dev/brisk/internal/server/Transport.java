package dev.brisk.internal.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import java.util.Locale;

/**
 * The socket transport: io_uring if the kernel allows it, else epoll, else NIO. The system property
 * {@code brisk.transport} ({@code io_uring}, {@code epoll}, {@code nio}) forces one.
 */
record Transport(String name, IoHandlerFactory factory, Class<? extends ServerChannel> serverChannel) {

    static Transport pick() {
        String forced = System.getProperty("brisk.transport", "").toLowerCase(Locale.ROOT);
        if ((forced.isEmpty() || forced.equals("io_uring")) && ioUring()) {
            return new Transport("io_uring", IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class);
        }
        if ((forced.isEmpty() || forced.equals("epoll") || forced.equals("io_uring")) && epoll()) {
            return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
        }
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    private static boolean ioUring() {
        try {
            return IoUring.isAvailable();
        } catch (Throwable unavailable) {
            return false;
        }
    }

    private static boolean epoll() {
        try {
            return Epoll.isAvailable();
        } catch (Throwable unavailable) {
            return false;
        }
    }
}
