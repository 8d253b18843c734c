package dev.brisk.internal.server;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.brisk.Brisk;
import dev.brisk.LogCapture;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 404/405/HEAD/redirects, standard headers, failures, idle timeout, access log switch. */
class HttpSemanticsTest {
    private Brisk app;
    private BriskTestClient client;
    private LogCapture logs;

    @BeforeEach
    void start() {
        logs = new LogCapture();
        app = Brisk.create(BriskTestClient.testConfig().loops(1).idleTimeout(Duration.ofSeconds(1)));
        app.get("/items/{id}", loopSafe(req -> Response.text("item " + req.pathParam("id"))));
        app.post("/items/{id}", loopSafe(req -> Response.text("posted")));
        app.get("/hello", loopSafe(req -> Response.text("Hello, World!")));
        app.get("/big", loopSafe(req -> Response.bytes(200, Response.OCTET_STREAM, new byte[8 * 1024 * 1024])));
        app.get("/boom", worker(req -> {
            throw new IllegalStateException("secret internals");
        }));
        app.get("/boom-loop", loop(req -> CompletableFuture.failedFuture(new IllegalStateException("secret"))));
        client = BriskTestClient.start(app);
    }

    @AfterEach
    void stop() {
        client.close();
        logs.close();
    }

    @Test
    void unknownPathIs404() throws Exception {
        var r = client.get("/nope").send();
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(r.header("content-type")).isEqualTo("application/json");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        var r = client.delete("/items/3").send();
        assertThat(r.status()).isEqualTo(405);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
        assertThat(r.header("allow")).contains("GET", "POST", "HEAD");
        assertThat(client.put("/hello").send().header("allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void headOfAGetRouteKeepsContentLengthWithoutBody() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse head = c.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("13");
            // the next response starts right away: the HEAD answer carried no body bytes
            assertThat(c.read().body()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void trailingSlashRedirectsWith307KeepingTheQuery() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /hello/?a=1 HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(307);
            assertThat(r.header("location")).isEqualTo("/hello?a=1");
        }
    }

    @Test
    void percentEncodedPathParametersAreDecoded() throws Exception {
        assertThat(client.get("/items/a%20b%2Fc").send().text()).isEqualTo("item a b/c");
    }

    @Test
    void dateAndServerHeaders() throws Exception {
        var r = client.get("/hello").send();
        assertThat(r.header("date")).matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(r.header("server")).isNotNull();
    }

    @Test
    void uncaughtExceptionIs500LoggedOnceAndConnectionStaysUsable() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /boom HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.body()).isEqualTo("{\"detail\":\"Internal Server Error\"}");
            c.send("GET /boom-loop HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("{\"detail\":\"Internal Server Error\"}");
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("Hello, World!");
        }
        var errors = logs.atLeast(Level.ERROR);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).getThrowableProxy().getMessage()).isEqualTo("secret internals");
    }

    @Test
    void idleConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            c.read();
            long t0 = System.nanoTime();
            assertThat(c.closedByServer()).isTrue();
            assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(300L, 5000L);
        }
    }

    @Test
    void aSlowReaderOfALargeBodyIsNotIdle() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.socket().setReceiveBufferSize(64 * 1024);
            c.send("GET /big HTTP/1.1\r\nHost: x\r\n\r\n");
            var in = c.socket().getInputStream();
            long total = 0;
            long t0 = System.nanoTime();
            byte[] buf = new byte[64 * 1024];
            while (total < 8 * 1024 * 1024) {
                int n = in.read(buf);
                if (n < 0) break;
                total += n;
                // about 2.5 s for the whole body, well past the 1 s idle timeout
                if ((System.nanoTime() - t0) / 1_000_000 < total * 2500 / (8L * 1024 * 1024)) Thread.sleep(20);
            }
            assertThat(total).isGreaterThanOrEqualTo(8L * 1024 * 1024);
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThan(1500);
        }
    }

    @Test
    void accessLogOffWritesNothingOnItsLogger() throws Exception {
        client.get("/hello").send();
        assertThat(logs.events()).noneMatch(e -> e.getLoggerName().contains("access"));
    }

    @Test
    void accessLogOnWritesUvicornsLine() throws Exception {
        client.close();
        app = Brisk.create(BriskTestClient.testConfig().accessLog(true));
        app.get("/hello", loopSafe(req -> Response.text("hi")));
        client = BriskTestClient.start(app);
        client.get("/hello?x=1").send();
        assertThat(logs.events()).anyMatch(e -> e.getFormattedMessage().matches(
                "127\\.0\\.0\\.1:\\d+ - \"GET /hello\\?x=1 HTTP/1\\.1\" 200 OK"));
    }
}
