package dev.brisk.internal.server;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Request time limits (504) and what a client disconnect does to loop stages and workers. */
class TimeLimitTest {
    private Brisk app;
    private BriskTestClient client;
    private final CompletableFuture<Object> loopStage = new CompletableFuture<>();
    private final CountDownLatch workerStarted = new CountDownLatch(1);
    private final CountDownLatch workerInterrupted = new CountDownLatch(1);
    private final AtomicBoolean workerFinishedNormally = new AtomicBoolean();

    @AfterEach
    void stop() {
        if (client != null) client.close();
    }

    private void startWith(BriskConfig config) {
        app = Brisk.create(config.loops(1));
        app.get("/hang", loop(req -> loopStage));
        app.get("/block", worker(req -> {
            workerStarted.countDown();
            try {
                Thread.sleep(1500);
                workerFinishedNormally.set(true);
            } catch (InterruptedException e) {
                workerInterrupted.countDown();
                throw e;
            }
            return Response.text("late");
        }));
        app.get("/limited", worker(req -> {
            Thread.sleep(2000);
            return Response.text("late");
        })).timeout(Duration.ofMillis(200));
        app.get("/sleepy", loop(req -> req.sleep(Duration.ofSeconds(2)).thenApply(v -> "late")));
        client = BriskTestClient.start(app);
    }

    @Test
    void perRouteAndDefaultLimitsAnswer504() throws Exception {
        startWith(BriskTestClient.testConfig().requestTimeout(Duration.ofMillis(300)));
        long t0 = System.nanoTime();
        var r = client.get("/limited").send();
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Request time limit exceeded\"}");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
        var d = client.get("/sleepy").send();
        assertThat(d.status()).isEqualTo(504);
        assertThat(d.text()).isEqualTo("{\"detail\":\"Request time limit exceeded\"}");
        var h = client.get("/hang").send();
        assertThat(h.status()).isEqualTo(504);
        assertThat(loopStage).isCancelled();
        assertThat(app.inFlight()).isZero();
    }

    @Test
    void disconnectCancelsTheLoopStage() throws Exception {
        startWith(BriskTestClient.testConfig());
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n");
            while (app.inFlight() == 0) Thread.sleep(5);
        }
        try {
            loopStage.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.CancellationException expected) {
            // the stage saw the cancellation
        }
        assertThat(loopStage).isCancelled();
        while (app.inFlight() > 0) Thread.sleep(5);
    }

    @Test
    void disconnectLeavesTheWorkerRunningByDefault() throws Exception {
        startWith(BriskTestClient.testConfig());
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(workerStarted.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(workerInterrupted.await(2500, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(workerFinishedNormally).isTrue();
    }

    @Test
    void disconnectInterruptsTheWorkerWhenConfigured() throws Exception {
        startWith(BriskTestClient.testConfig().interruptOnDisconnect(true));
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /block HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(workerStarted.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(workerInterrupted.await(1000, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(workerFinishedNormally).isFalse();
    }
}
