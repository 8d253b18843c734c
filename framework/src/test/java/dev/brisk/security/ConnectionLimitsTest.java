package dev.brisk.security;

import static dev.brisk.Handler.loopSafe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.internal.server.Kit;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The head deadline (slowloris) and the connection cap of issue 11 item 3, against a running app. */
class ConnectionLimitsTest {

    @Test
    void aHeadTrickledSlowerThanTheDeadlineIsAnswered408AndClosed() throws Exception {
        // the idle timeout is long and every byte would reset it: only the head deadline can cut this client
        Brisk app = Kit.start(BriskTestClient.testConfig().loops(1).idleTimeout(Duration.ofSeconds(60)).headTimeout(Duration.ofSeconds(1)),
                a -> a.get("/ping", loopSafe(req -> Response.text("pong"))));
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(10_000);
            long t0 = System.nanoTime();
            var out = s.getOutputStream();
            out.write("GET /ping HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            String wire = null;
            for (int i = 0; i < 40 && wire == null; i++) { // one header line every 200 ms, for up to 8 s
                Thread.sleep(200);
                try {
                    out.write(("X-Slow-" + i + ": 1\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (SocketException closed) {
                    wire = readAll(s.getInputStream());
                }
                if (wire == null && s.getInputStream().available() > 0) wire = readAll(s.getInputStream());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(wire).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("connection: close")
                    .endsWith("{\"detail\":\"Request Timeout\"}");
            assertThat(ms).as("cut after %d ms", ms).isBetween(900L, 6000L);
        }
        // a head that arrives within the deadline, even in pieces, is served; the server still serves others
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /ping HTTP/1.1\r\n");
            Thread.sleep(300);
            c.send("Host: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("pong");
            Thread.sleep(1500); // idle between requests is the idle timeout's business, not the head deadline's
            c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("pong");
        } finally {
            app.stop();
        }
    }

    @Test
    void theDeadlineOfASecondHeadOnAKeptAliveConnectionCountsFromThatHead() throws Exception {
        // one timer per connection, re-aimed when it fires: the first request leaves it pending; the second
        // head, trickled, must still be cut one deadline after its own first byte, not the first head's
        Brisk app = Kit.start(BriskTestClient.testConfig().loops(1).idleTimeout(Duration.ofSeconds(60)).headTimeout(Duration.ofSeconds(1)),
                a -> a.get("/ping", loopSafe(req -> Response.text("pong"))));
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("pong");
            Thread.sleep(700);                       // the first head's timer is now 300 ms from firing
            long t0 = System.nanoTime();
            c.send("GET /ping HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; i < 3; i++) {            // within its own deadline when the old timer fires
                Thread.sleep(150);
                c.send("X-Slow-" + i + ": 1\r\n");
            }
            RawResponse r = c.read();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(r.status()).isEqualTo(408);
            assertThat(ms).as("cut after %d ms", ms).isBetween(900L, 6000L);
        } finally {
            app.stop();
        }
    }

    @Test
    void connectionsOverTheLimitAreAnswered503() throws Exception {
        Brisk app = Kit.start(BriskTestClient.testConfig().loops(1).maxConnections(2), a -> a.get("/ping", loopSafe(req -> Response.text("pong"))));
        try (RawConnection a = RawConnection.open(app); RawConnection b = RawConnection.open(app)) {
            a.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            b.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(a.read().body()).isEqualTo("pong");
            assertThat(b.read().body()).isEqualTo("pong");
            try (Socket third = new Socket("127.0.0.1", app.port())) {
                third.setSoTimeout(10_000);
                assertThat(readAll(third.getInputStream())).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                        .contains("retry-after: 1").endsWith("{\"detail\":\"Service Unavailable\"}");
            }
            // the two admitted connections keep working
            a.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(a.read().body()).isEqualTo("pong");
        }
        // once they are closed, new connections are admitted again
        long deadline = System.nanoTime() + 5_000_000_000L;
        String body = null;
        while (System.nanoTime() < deadline) {
            try (RawConnection c = RawConnection.open(app)) {
                c.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
                RawResponse r = c.read();
                if (r.status() == 200) {
                    body = r.body();
                    break;
                }
            }
            Thread.sleep(50);
        }
        app.stop();
        assertThat(body).isEqualTo("pong");
    }

    static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out);
        } catch (SocketException e) {
            // reset after the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
