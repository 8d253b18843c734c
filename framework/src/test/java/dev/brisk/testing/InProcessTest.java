package dev.brisk.testing;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.internal.server.LeakCheck;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** In-process mode runs the real server pipeline without a socket: same lanes, loops, watchdog, limits, encoder. */
class InProcessTest {
    @BeforeAll
    static void leaks() {
        LeakCheck.install();
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        LeakCheck.assertNoLeaks();
    }

    private static Brisk app(int port) {
        Brisk app = Brisk.create(BriskTestClient.testConfig().port(port).loops(2).blockThreshold(Duration.ofMillis(100))
                .requestTimeout(Duration.ofSeconds(5)));
        app.addMiddleware((req, next) -> next.call().thenApply(res -> res.withHeader("x-mw", Thread.currentThread().getName())));
        app.get("/loop", loop(req -> CompletableFuture.completedFuture(Map.of("thread", Thread.currentThread().getName()))));
        app.get("/worker", worker(req -> Map.of("thread", Thread.currentThread().getName(),
                "virtual", Thread.currentThread().isVirtual())));
        app.get("/limited", worker(req -> {
            Thread.sleep(2000);
            return "late";
        })).timeout(Duration.ofMillis(200));
        app.get("/block", loop(req -> {
            Thread.sleep(400);   // blocks the loop on purpose: the watchdog must name this route
            return CompletableFuture.completedFuture("done");
        }));
        app.get("/lines", worker(req -> Response.stream(List.of("a\n", "b\n", "c\n").stream()
                .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList(), "text/plain")));
        app.post("/echo", worker(req -> Response.text(req.bodyText())));
        return app;
    }

    @Test
    void opensNoPort() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Brisk app = app(port);
        try (BriskTestClient client = BriskTestClient.inProcess(app)) {
            assertThat(client.isInProcess()).isTrue();
            assertThat(app.port()).isEqualTo(-1);
            assertThat(client.baseUrl()).isEqualTo("http://testserver");
            client.get("/worker").assertStatus(200);
            // the configured port stayed free: nothing listens on it
            try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
            assertThatThrownBy(() -> BriskTestClient.inProcess(app)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> RawConnection.open(app)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> client.websocket("/ws")).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("start(app)");
        }
        assertThat(app.isRunning()).isFalse();
    }

    @Test
    void lanesLoopsMiddlewareAndTimeLimitsBehaveAsOnAPort() {
        try (BriskTestClient client = BriskTestClient.inProcess(app(0))) {
            TestResponse onLoop = client.get("/loop").send().assertStatus(200);
            assertThat((String) onLoop.json("thread")).startsWith("brisk-loop-");
            assertThat(onLoop.header("x-mw")).startsWith("brisk-loop-");
            client.get("/worker").send().assertStatus(200).assertJson("virtual", true);
            // a 404 from the router goes through the middleware and is FastAPI-shaped
            TestResponse missing = client.get("/nowhere").send().assertStatus(404).assertJson("detail", "Not Found");
            assertThat(missing.header("x-mw")).startsWith("brisk-loop-");
            long t0 = System.nanoTime();
            client.get("/limited").send().assertStatus(504).assertJson("detail", "Request time limit exceeded");
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
            client.get("/lines").send().assertStatus(200).assertBody("a\nb\nc\n").assertHeader("content-type", "text/plain");
            client.post("/echo").body("x".repeat(200_000), "text/plain").send().assertStatus(200)
                    .assertBody("x".repeat(200_000));
            client.head("/worker").send().assertStatus(200).assertBody("");
        }
    }

    @Test
    void theWatchdogNamesTheRouteThatBlockedTheLoop() throws Exception {
        Brisk app = app(0);
        try (BriskTestClient client = BriskTestClient.inProcess(app)) {
            client.get("/block").assertStatus(200);
            long deadline = System.currentTimeMillis() + 5000;
            while (app.stalls().stream().noneMatch(s -> "GET /block".equals(s.route())) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(app.stalls()).anySatisfy(s -> {
                assertThat(s.route()).isEqualTo("GET /block");
                assertThat(s.thread()).startsWith("brisk-loop-");
            });
        }
    }

    @Test
    void rawConnectionsPipelineStreamAndRefuseMalformedInput() throws Exception {
        try (BriskTestClient client = BriskTestClient.inProcess(app(0)); RawConnection raw = client.raw()) {
            raw.send("GET /worker HTTP/1.1\r\nHost: x\r\n\r\nGET /loop HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.read().body()).contains("\"virtual\":true");
            assertThat(raw.read().body()).contains("brisk-loop-");
            raw.send("GET /lines HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse head = raw.readHead();
            assertThat(head.header("transfer-encoding")).isEqualTo("chunked");
            StringBuilder chunks = new StringBuilder();
            for (String c; (c = raw.readChunk()) != null; ) chunks.append('[').append(c).append(']');
            assertThat(chunks.toString()).isEqualTo("[a\n][b\n][c\n]");
            raw.send("GET /worker HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
            RawResponse bad = raw.read();
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).isEqualTo("{\"detail\":\"Bad Request\"}");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void aClientThatGoesAwayFreesTheRequest() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> stage = new CompletableFuture<>();
        Brisk app = app(0);
        app.get("/hang", loop(req -> {
            started.countDown();
            return stage;
        }));
        try (BriskTestClient client = BriskTestClient.inProcess(app)) {
            try (RawConnection raw = client.raw()) {
                raw.send("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (!stage.isCancelled() && System.currentTimeMillis() < deadline) Thread.sleep(5);
            assertThat(stage).isCancelled();
            while (app.inFlight() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(5);
            assertThat(app.inFlight()).isZero();
        }
    }

    @Test
    void aFailedStartLeavesTheConfigForAPortBoundStart() {
        Brisk app = app(0);
        boolean[] fail = {true};
        app.onStartup(() -> {
            if (fail[0]) throw new IllegalStateException("start-up failed");
        });
        assertThatThrownBy(() -> BriskTestClient.inProcess(app)).hasMessage("start-up failed");
        fail[0] = false;
        try (BriskTestClient client = BriskTestClient.start(app)) {
            assertThat(client.isInProcess()).isFalse();
            assertThat(app.port()).isPositive();
            client.get("/worker").assertStatus(200);
        }
    }

    @Test
    void concurrentRequestsAndOverloadAnswerAsOnAPort() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch admitted = new CountDownLatch(2);
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(2).inFlightLimit(2).retryAfterSeconds(1));
        app.get("/wait", worker(req -> {
            admitted.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "done";
        }));
        try (BriskTestClient client = BriskTestClient.inProcess(app);
             var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = List.of(threads.submit(() -> client.get("/wait").send()), threads.submit(() -> client.get("/wait").send()));
            assertThat(admitted.await(10, TimeUnit.SECONDS)).isTrue();
            var refused = new java.util.ArrayList<java.util.concurrent.Future<TestResponse>>();
            for (int i = 0; i < 4; i++) refused.add(threads.submit(() -> client.get("/wait").send()));
            for (var f : refused) f.get(10, TimeUnit.SECONDS).assertStatus(503).assertHeader("retry-after", "1");
            release.countDown();
            for (var f : first) f.get(10, TimeUnit.SECONDS).assertStatus(200).assertBody("\"done\"");
            assertThat(app.refused()).isEqualTo(4);
        }
    }
}
