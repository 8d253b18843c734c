package dev.brisk.internal.server;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A request body as it arrives: in memory up to a threshold, then in a temporary file (Starlette's
 * {@code SpooledTemporaryFile}), so a large upload costs disk, not heap. The file is written on the
 * event loop: sequential writes of at most one read's bytes into the page cache, microseconds each —
 * cheaper than a hop to another thread and back for every chunk.
 */
final class BodyBuffer {
    /** A finished body: the bytes, or the file holding them. */
    record Body(byte[] bytes, Path file, long length) {
        static final Body EMPTY = new Body(new byte[0], null, 0);

        /** The whole body in memory (a large spilled body is read from its file here). */
        byte[] readAll() {
            if (file == null) return bytes;
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A read-only view: the heap array, or the file mapped into memory (no heap copy). */
        ByteBuffer buffer() {
            if (file == null) return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                return ch.map(FileChannel.MapMode.READ_ONLY, 0, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Deletes the temporary file, if any (a mapping already made stays readable). */
        void delete() {
            if (file == null) return;
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the OS cleans the temporary directory; nothing else to do
            }
        }
    }

    private final int spillAbove;
    private ByteArrayOutputStream memory;
    private Path file;
    private FileChannel channel;
    private long size;

    BodyBuffer(int spillAbove) {
        this.spillAbove = spillAbove;
    }

    long size() {
        return size;
    }

    /** Appends the readable bytes of {@code buf} (which stays owned by the caller). */
    void append(ByteBuf buf) throws IOException {
        int n = buf.readableBytes();
        if (n == 0) return;
        if (channel == null && size + n > spillAbove) spill();
        if (channel != null) {
            while (buf.isReadable()) buf.readBytes(channel, buf.readableBytes());
        } else {
            if (memory == null) memory = new ByteArrayOutputStream(Math.max(n, 256));
            buf.readBytes(memory, n);
        }
        size += n;
    }

    private void spill() throws IOException {
        file = Files.createTempFile("brisk-body-", ".tmp");
        channel = FileChannel.open(file, StandardOpenOption.WRITE);
        if (memory != null) channel.write(ByteBuffer.wrap(memory.toByteArray()));
        memory = null;
    }

    /** The finished body; the buffer must not be used afterwards. */
    Body finish() throws IOException {
        if (channel != null) {
            channel.close();
            return new Body(null, file, size);
        }
        return memory == null ? Body.EMPTY : new Body(memory.toByteArray(), null, size);
    }

    /** Drops what was received (a rejected or abandoned request). */
    void discard() {
        memory = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // deleting below is what matters
            }
            new Body(null, file, size).delete();
            channel = null;
        }
    }
}
