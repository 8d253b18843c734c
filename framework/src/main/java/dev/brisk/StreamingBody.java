package dev.brisk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A response body produced while it is sent, rather than held in memory. Create one through
 * {@link Response#stream}, {@link Response#publisher}, {@link Response#sse} or {@link Response#file};
 * the server reads these records, handlers rarely need them directly.
 */
public sealed interface StreamingBody {

    /**
     * Chunks pulled from a blocking iterator on the worker lane. The server waits for the socket to
     * drain before pulling more; if the iterator is {@link AutoCloseable} it is closed at the end or
     * when the client goes away.
     */
    record Chunks(Supplier<Iterator<byte[]>> source) implements StreamingBody {}

    /**
     * Chunks from a reactive publisher, written on the event loop. Demand is signalled one chunk at a
     * time and only while the socket is writable: a slow client slows the publisher down. The
     * subscription is cancelled when the client goes away.
     */
    record Published(Flow.Publisher<byte[]> source) implements StreamingBody {}

    /** Server-Sent Events: {@code events} carries the encoded events; a comment every {@code keepAlive}. */
    record Events(StreamingBody events, Duration keepAlive) implements StreamingBody {}

    /**
     * {@code length} bytes of a file from {@code offset}, sent with a Content-Length, zero-copy where the
     * transport allows (sendfile on HTTP/1.1 in clear text; read in chunks under HTTP/2 or TLS).
     */
    record FileBody(Path path, long offset, long length) implements StreamingBody {
        public FileBody {
            if (offset < 0 || length < 0) throw new IllegalArgumentException("offset " + offset + ", length " + length);
        }

        /** The whole file, {@code length} bytes from the start. */
        public FileBody(Path path, long length) {
            this(path, 0, length);
        }
    }
}
