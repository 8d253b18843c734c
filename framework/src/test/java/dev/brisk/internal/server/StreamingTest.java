package dev.brisk.internal.server;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.ServerSentEvent;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import dev.brisk.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming responses: iterators on workers, publishers with back-pressure, SSE, files. */
class StreamingTest {
    @TempDir
    static Path dir;
    private Brisk app;
    private BriskTestClient client;
    private final List<String> pullThreads = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger pulled = new AtomicInteger();
    private final Endless endless = new Endless();

    /** An endless iterator that records where it is pulled and whether it was closed. */
    private final class Ticker implements Iterator<byte[]>, AutoCloseable {
        @Override public boolean hasNext() { return true; }

        @Override
        public byte[] next() {
            pullThreads.add(Thread.currentThread().getName());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ("tick " + pulled.incrementAndGet() + "\n").getBytes(StandardCharsets.UTF_8);
        }

        @Override public void close() { closed.countDown(); }
    }

    /** An endless publisher of 64 KiB chunks that counts demand and sees cancellation. */
    static final class Endless implements Flow.Publisher<byte[]> {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public void subscribe(Flow.Subscriber<? super byte[]> s) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                    for (long i = 0; i < n && !cancelled.get(); i++) s.onNext(new byte[64 * 1024]);
                }

                @Override public void cancel() { cancelled.set(true); }
            });
        }
    }

    /** A publisher of a fixed list, then completion. */
    static <T> Flow.Publisher<T> just(List<T> items) {
        return s -> s.onSubscribe(new Flow.Subscription() {
            int next;
            boolean done;

            @Override
            public void request(long n) {
                for (long i = 0; i < n && next < items.size(); i++) s.onNext(items.get(next++));
                if (next == items.size() && !done) {
                    done = true;
                    s.onComplete();
                }
            }

            @Override public void cancel() { done = true; }
        });
    }

    @BeforeEach
    void start() throws Exception {
        Path file = Files.write(dir.resolve("notes.txt"), "line\n".repeat(40_000).getBytes(StandardCharsets.UTF_8));
        app = Brisk.create(BriskTestClient.testConfig().loops(1));
        app.get("/lines", worker(req -> Response.stream(List.of("a\n", "b\n", "c\n").stream()
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), "text/plain")));
        app.get("/ticks", loopSafe(req -> Response.stream(new Ticker(), "text/plain")));
        app.get("/broken", loopSafe(req -> Response.stream(new Iterator<byte[]>() {
            int n;
            @Override public boolean hasNext() { return true; }
            @Override public byte[] next() {
                if (++n > 2) throw new IllegalStateException("producer broke");
                return "ok\n".getBytes(StandardCharsets.UTF_8);
            }
        }, "text/plain")));
        app.get("/pub", loopSafe(req -> Response.publisher(just(List.of("x".getBytes(), "y".getBytes(), "z".getBytes())),
                "text/plain")));
        app.get("/endless", loopSafe(req -> Response.publisher(endless, "application/octet-stream")));
        app.get("/sse", loopSafe(req -> Response.sse(just(List.of(ServerSentEvent.of("hello"),
                new ServerSentEvent("a\nb", "tick", "7", Duration.ofSeconds(3), null))))));
        app.get("/sse-slow", loopSafe(req -> Response.sse(new Iterator<ServerSentEvent>() {
            int n;
            @Override public boolean hasNext() { return n < 2; }
            @Override public ServerSentEvent next() {
                try {
                    Thread.sleep(350);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return ServerSentEvent.of("event " + ++n);
            }
        }).withKeepAlive(Duration.ofMillis(100))));
        app.get("/file", loopSafe(req -> Response.file(file)));
        app.get("/missing", loopSafe(req -> Response.file(dir.resolve("nope.txt"))));
        app.get("/ping", loopSafe(req -> Response.text("pong")));
        client = BriskTestClient.start(app);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void iterableIsChunkedAndTheConnectionIsReusedInOrder() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /lines HTTP/1.1\r\nHost: x\r\n\r\nGET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse r = c.read();
            assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(r.header("content-type")).isEqualTo("text/plain");
            assertThat(r.body()).isEqualTo("a\nb\nc\n");
            assertThat(c.read().body()).isEqualTo("pong");
        }
    }

    @Test
    void http10ClientsGetTheStreamUnchunkedEndedByClose() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /lines HTTP/1.0\r\n\r\n");
            RawResponse head = c.read(true);
            assertThat(head.header("transfer-encoding")).isNull();
            assertThat(head.header("connection")).isEqualToIgnoringCase("close");
            String rest = new String(c.socket().getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(rest).isEqualTo("a\nb\nc\n");
        }
    }

    @Test
    void iteratorIsPulledOnTheWorkerLaneAndClosedWhenTheClientLeaves() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /ticks HTTP/1.1\r\nHost: x\r\n\r\n");
            c.read(true);
            assertThat(c.readChunk()).isEqualTo("tick 1\n");
            assertThat(c.readChunk()).isEqualTo("tick 2\n");
        }
        assertThat(closed.await(3, TimeUnit.SECONDS)).isTrue();
        int after = pulled.get();
        Thread.sleep(200);
        assertThat(pulled.get()).isEqualTo(after);
        assertThat(pullThreads).allMatch(t -> t.startsWith("brisk-vworker-"));
    }

    @Test
    void aFailingProducerCutsTheConnection() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /broken HTTP/1.1\r\nHost: x\r\n\r\n");
            c.read(true);
            assertThat(c.readChunk()).isEqualTo("ok\n");
            assertThat(c.readChunk()).isEqualTo("ok\n");
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(client.get("/ping").send().text()).isEqualTo("pong");
    }

    @Test
    void publisherIsStreamedAndHeadSkipsIt() throws Exception {
        assertThat(client.get("/pub").send().text()).isEqualTo("xyz");
        try (RawConnection c = RawConnection.open(app)) {
            c.send("HEAD /pub HTTP/1.1\r\nHost: x\r\n\r\nGET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read(true).header("transfer-encoding")).isEqualTo("chunked");
            assertThat(c.read().body()).isEqualTo("pong");
        }
    }

    @Test
    void publisherDemandStopsWhenTheClientDoesNotReadAndIsCancelledOnDisconnect() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.socket().setReceiveBufferSize(64 * 1024);
            c.send("GET /endless HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(700);
            long early = endless.requested.get();
            Thread.sleep(500);
            assertThat(endless.requested.get()).isEqualTo(early).isLessThan(2000);
            assertThat(endless.cancelled).isFalse();
        }
        long deadline = System.currentTimeMillis() + 3000;
        while (!endless.cancelled.get() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertThat(endless.cancelled).isTrue();
    }

    @Test
    void serverSentEventsUseTheEventStreamFormat() throws Exception {
        var r = client.get("/sse").send();
        assertThat(r.header("content-type")).isEqualTo("text/event-stream");
        assertThat(r.header("cache-control")).isEqualTo("no-cache");
        assertThat(r.text()).isEqualTo("data: hello\n\nevent: tick\nid: 7\nretry: 3000\ndata: a\ndata: b\n\n");
    }

    @Test
    void serverSentEventsSendKeepAliveComments() throws Exception {
        String body = client.get("/sse-slow").send().text();
        assertThat(body).contains("data: event 1\n\n").contains("data: event 2\n\n").contains(": ping\n\n");
        assertThat(body.indexOf("data: event 1")).isLessThan(body.indexOf("data: event 2"));
    }

    @Test
    void filesHaveLengthAndTypeAndHeadSendsNoBody() throws Exception {
        TestResponse r = client.get("/file").timeout(Duration.ofSeconds(60)).send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("content-length")).isEqualTo("200000");
        assertThat(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo("line\n".repeat(40_000));
        try (RawConnection c = RawConnection.open(app)) {
            c.send("HEAD /file HTTP/1.1\r\nHost: x\r\n\r\nGET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read(true).header("content-length")).isEqualTo("200000");
            assertThat(c.read().body()).isEqualTo("pong");
        }
        var missing = client.get("/missing").send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.text()).isEqualTo("{\"detail\":\"Not Found\"}");
    }

    @Test
    void manyFileDownloadsOnOneConnection() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        try (RawConnection c = RawConnection.open(app)) {
            for (int i = 0; i < 5; i++) c.send("GET /file HTTP/1.1\r\nHost: x\r\n\r\n");
            for (int i = 0; i < 5; i++) sizes.add(c.read().body().length());
        }
        assertThat(sizes).containsOnly(200_000);
    }
}
