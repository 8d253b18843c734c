package dev.brisk.internal.server;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.ServerSentEvent;
import dev.brisk.WorkerMode;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import java.util.Iterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A streamed iterator blocked on a pool thread is woken when its client leaves, freeing the thread. */
class PooledStreamTest {

    @Test
    void disconnectFreesThePoolThreadOfABlockedEventStream() throws Exception {
        LinkedBlockingQueue<String> feed = new LinkedBlockingQueue<>();
        CountDownLatch closed = new CountDownLatch(1);
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1).worker(WorkerMode.pool(1)));
        app.get("/events", worker(req -> Response.sse(new BlockingFeed(feed, closed))));
        app.get("/work", worker(req -> Response.text("worked on " + Thread.currentThread().getName())));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            try (RawConnection c = client.raw()) {
                c.send("GET /events HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(c.read(true).header("content-type")).isEqualTo("text/event-stream");
                feed.add("first");
                assertThat(c.readChunk()).isEqualTo("data: first\n\n");
            }
            // the single pool thread was parked in take(); the disconnect must wake and release it
            assertThat(closed.await(3, TimeUnit.SECONDS)).isTrue();
            var r = client.get("/work").send();
            assertThat(r.text()).isEqualTo("worked on brisk-worker-1");
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().equals("brisk-worker-1")).findFirst().orElseThrow().isInterrupted()).isFalse();
        }
    }

    private record BlockingFeed(LinkedBlockingQueue<String> feed, CountDownLatch closed)
            implements Iterator<ServerSentEvent>, AutoCloseable {
        @Override public boolean hasNext() { return true; }

        @Override
        public ServerSentEvent next() {
            try {
                return ServerSentEvent.of(feed.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override public void close() { closed.countDown(); }
    }
}
