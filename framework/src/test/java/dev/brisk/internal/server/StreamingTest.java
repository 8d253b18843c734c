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
import java.net.http.HttpResponse;
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
        app = Kit.start(BriskTestClient.testConfig().loops(1), a -> {
            a.get("/lines", worker(req -> Response.stream(List.of("a\n", "b\n", "c\n").stream()
                    .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), "text/plain")));
            a.get("/ticks", loopSafe(req -> Response.stream(new Ticker(), "text/plain")));
            a.get("/broken", loopSafe(req -> Response.stream(new Iterator<byte[]>() {
                int n;
                @Override public boolean hasNext() { return true; }
                @Override public byte[] next() {
                    if (++n > 2) throw new IllegalStateException("producer broke");
                    return "ok\n".getBytes(StandardCharsets.UTF_8);
                }
            }, "text/plain")));
            a.get("/pub", loopSafe(req -> Response.publisher(just(List.of("x".getBytes(), "y".getBytes(), "z".getBytes())),
                    "text/plain")));
            a.get("/endless", loopSafe(req -> Response.publisher(endless, "application/octet-stream")));
            a.get("/sse", loopSafe(req -> Response.sse(just(List.of(ServerSentEvent.of("hello"),
                    new ServerSentEvent("a\nb", "tick", "7", Duration.ofSeconds(3), null))))));
            a.get("/sse-slow", loopSafe(req -> Response.sse(new Iterator<ServerSentEvent>() {
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
            a.get("/file", loopSafe(req -> Response.file(file)));
            a.get("/missing", loopSafe(req -> Response.file(dir.resolve("nope.txt"))));
            a.get("/ping", loopSafe(req -> Response.text("pong")));
        });
    }

    @AfterEach
    void stop() {
        app.stop();
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
        assertThat(Kit.get(app, "/ping").body()).isEqualTo("pong");
    }

    @Test
    void publisherIsStreamedAndHeadSkipsIt() throws Exception {
        assertThat(Kit.get(app, "/pub").body()).isEqualTo("xyz");
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
        var r = Kit.get(app, "/sse");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(r.body()).isEqualTo("data: hello\n\nevent: tick\nid: 7\nretry: 3000\ndata: a\ndata: b\n\n");
    }

    @Test
    void serverSentEventsSendKeepAliveComments() throws Exception {
        String body = Kit.get(app, "/sse-slow").body();
        assertThat(body).contains("data: event 1\n\n").contains("data: event 2\n\n").contains(": ping\n\n");
        assertThat(body.indexOf("data: event 1")).isLessThan(body.indexOf("data: event 2"));
    }

    @Test
    void filesHaveLengthAndTypeAndHeadSendsNoBody() throws Exception {
        HttpResponse<byte[]> r = Kit.CLIENT.send(Kit.request(app, "/file"), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(r.headers().firstValue("content-length")).hasValue("200000");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("line\n".repeat(40_000));
        try (RawConnection c = RawConnection.open(app)) {
            c.send("HEAD /file HTTP/1.1\r\nHost: x\r\n\r\nGET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read(true).header("content-length")).isEqualTo("200000");
            assertThat(c.read().body()).isEqualTo("pong");
        }
        var missing = Kit.get(app, "/missing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"detail\":\"Not Found\"}");
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
