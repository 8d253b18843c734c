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
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful stop: in-flight requests finish, idle keep-alive connections close, new ones are refused. */
class ShutdownTest {

    @Test
    void inFlightRequestsCompleteAndNewConnectionsAreRefused() throws Exception {
        Brisk app = Kit.start(BriskTestClient.testConfig().loops(1), a -> {
            a.get("/slow", worker(req -> {
                Thread.sleep(500);
                return Response.text("worker done");
            }));
            a.get("/slow-loop", loop(req -> req.sleep(Duration.ofMillis(500)).thenApply(v -> Response.text("loop done"))));
            a.get("/ping", loopSafe(req -> Response.text("pong")));
        });
        int port = app.port();
        RawConnection idle = RawConnection.open(app);
        idle.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(idle.read().body()).isEqualTo("pong");

        var slow = Kit.CLIENT.sendAsync(Kit.request(app, "/slow"), HttpResponse.BodyHandlers.ofString());
        var slowLoop = Kit.CLIENT.sendAsync(Kit.request(app, "/slow-loop"), HttpResponse.BodyHandlers.ofString());
        while (app.inFlight() < 2) Thread.sleep(5);
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(app::stop);

        // the idle keep-alive connection is closed at once, not after the grace period
        long t0 = System.nanoTime();
        assertThat(idle.closedByServer()).isTrue();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(400);
        idle.close();

        assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("worker done");
        assertThat(slow.join().headers().firstValue("connection")).hasValue("close");
        assertThat(slowLoop.get(10, TimeUnit.SECONDS).body()).isEqualTo("loop done");
        stopped.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }
}
