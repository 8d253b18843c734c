package dev.brisk.lab.load;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The Netty transport of the load client's event loops. {@link #AUTO} = epoll where available, else NIO. */
public enum Transport {
    AUTO, EPOLL, NIO;

    /** The concrete transport this one stands for on this machine. */
    Transport resolve() {
        if (this == AUTO) {
            return Epoll.isAvailable() ? EPOLL : NIO;
        }
        if (this == EPOLL && !Epoll.isAvailable()) {
            throw new IllegalStateException("epoll is not available here: " + Epoll.unavailabilityCause());
        }
        return this;
    }

    IoHandlerFactory ioHandlerFactory() {
        return resolve() == EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    Class<? extends SocketChannel> channelClass() {
        return resolve() == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
