package dev.brisk;

import java.util.Iterator;
import java.util.concurrent.Flow;

/** Adapts streams of {@link ServerSentEvent}s to streams of their wire bytes. */
final class SseEncoding {
    private SseEncoding() {}

    static Iterator<byte[]> iterator(Iterator<ServerSentEvent> events) {
        return new ClosingIterator(events);
    }

    static Flow.Publisher<byte[]> publisher(Flow.Publisher<ServerSentEvent> events) {
        return subscriber -> events.subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { subscriber.onSubscribe(s); }
            @Override public void onNext(ServerSentEvent e) { subscriber.onNext(e.encode()); }
            @Override public void onError(Throwable t) { subscriber.onError(t); }
            @Override public void onComplete() { subscriber.onComplete(); }
        });
    }

    // Keeps the source's AutoCloseable-ness visible to the server, which closes it on disconnect.
    private record ClosingIterator(Iterator<ServerSentEvent> events) implements Iterator<byte[]>, AutoCloseable {
        @Override public boolean hasNext() { return events.hasNext(); }
        @Override public byte[] next() { return events.next().encode(); }

        @Override
        public void close() throws Exception {
            if (events instanceof AutoCloseable c) c.close();
        }
    }
}
