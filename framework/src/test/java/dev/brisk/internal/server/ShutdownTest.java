package dev.brisk.internal.server;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful stop: in-flight requests finish, idle keep-alive connections close, new ones are refused. */
class ShutdownTest {

    @Test
    void inFlightRequestsCompleteAndNewConnectionsAreRefused() throws Exception {
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
        app.get("/slow", worker(req -> {
            Thread.sleep(500);
            return Response.text("worker done");
        }));
        app.get("/slow-loop", loop(req -> req.sleep(Duration.ofMillis(500)).thenApply(v -> Response.text("loop done"))));
        app.get("/ping", loopSafe(req -> Response.text("pong")));
        BriskTestClient client = BriskTestClient.start(app);
        int port = app.port();
        RawConnection idle = client.raw();
        idle.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(idle.read().body()).isEqualTo("pong");

        var slow = client.get("/slow").timeout(Duration.ofSeconds(60)).sendAsync();
        var slowLoop = client.get("/slow-loop").timeout(Duration.ofSeconds(60)).sendAsync();
        while (app.inFlight() < 2) Thread.sleep(5);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(app::stop);

        // the idle keep-alive connection is closed at once, not after the grace period
        long t0 = System.nanoTime();
        assertThat(idle.closedByServer()).isTrue();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(400);
        idle.close();

        assertThat(slow.get(10, TimeUnit.SECONDS).text()).isEqualTo("worker done");
        assertThat(slow.join().header("connection")).isEqualTo("close");
        assertThat(slowLoop.get(10, TimeUnit.SECONDS).text()).isEqualTo("loop done");
        stopped.get(10, TimeUnit.SECONDS);
        client.close();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}
