package dev.brisk.internal.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw in-process connection seen as a pair of blocking streams, like a socket's: what the test writes
 * reaches the server's pipeline as bytes (so malformed input goes through the real decoder), and what the
 * server writes comes back unparsed. End of stream when the server closes the connection.
 */
public final class LocalPipe implements AutoCloseable {
    private static final byte[] EOF = new byte[0];
    private final LinkedBlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private volatile Channel channel;
    private volatile Duration readTimeout = Duration.ofSeconds(20);
    private final InputStream in = new In();
    private final OutputStream out = new Out();

    LocalPipe() {}

    ChannelInboundHandlerAdapter reader() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ByteBuf b = (ByteBuf) msg;
                try {
                    byte[] bytes = new byte[b.readableBytes()];
                    b.readBytes(bytes);
                    if (bytes.length > 0) received.add(bytes);
                } finally {
                    b.release();
                }
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                received.add(EOF);
            }
        };
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    /** Bytes from the server; blocks up to the read timeout, then throws {@link SocketTimeoutException}. */
    public InputStream input() {
        return in;
    }

    /** Bytes to the server; each write is flushed. */
    public OutputStream output() {
        return out;
    }

    /** Like {@code Socket.setSoTimeout}. */
    public void readTimeout(Duration value) {
        this.readTimeout = value;
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) ch.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class In extends InputStream {
        private byte[] current = new byte[0];
        private int pos;
        private boolean eof;

        private boolean fill() throws IOException {
            while (pos >= current.length) {
                if (eof) return false;
                byte[] next;
                try {
                    next = received.poll(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
                if (next == null) throw new SocketTimeoutException("read timed out");
                if (next == EOF) {
                    eof = true;
                    return false;
                }
                current = next;
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? current[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ChannelFuture f = channel.writeAndFlush(Unpooled.copiedBuffer(b, off, len)).awaitUninterruptibly();
            if (!f.isSuccess()) throw new IOException("connection closed", f.cause());
        }
    }
}
