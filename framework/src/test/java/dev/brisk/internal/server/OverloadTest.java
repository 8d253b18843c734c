package dev.brisk.internal.server;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.LogCapture;
import dev.brisk.Response;
import dev.brisk.WorkerMode;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Beyond the in-flight limit or a full bounded queue: 503 + Retry-After at once, counted, logged per burst. */
class OverloadTest {
    private Brisk app;
    private BriskTestClient client;
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        if (client != null) client.close();
    }

    private void startWith(dev.brisk.BriskConfig config) {
        app = Brisk.create(config);
        app.get("/slow", worker(req -> {
            release.await(10, TimeUnit.SECONDS);
            return Response.text("done");
        }));
        client = BriskTestClient.start(app);
    }

    private List<CompletableFuture<TestResponse>> fire(int n) {
        List<CompletableFuture<TestResponse>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(client.get("/slow").timeout(Duration.ofSeconds(60)).sendAsync());
        }
        return out;
    }

    private void assertRefusedBurst(List<CompletableFuture<TestResponse>> burst, int admitted, LogCapture logs)
            throws Exception {
        // the refusals arrive while the admitted requests are still held
        long deadline = System.currentTimeMillis() + 10_000;
        while (burst.stream().filter(CompletableFuture::isDone).count() < burst.size() - admitted
                && System.currentTimeMillis() < deadline) Thread.sleep(10);
        Thread.sleep(100); // would let a wrongly admitted request show up as done
        List<TestResponse> refused = new ArrayList<>();
        for (var f : burst) if (f.isDone()) refused.add(f.join());
        assertThat(refused).hasSize(burst.size() - admitted);
        for (var r : refused) {
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("retry-after")).isEqualTo("1");
            assertThat(r.text()).isEqualTo("{\"detail\":\"Service Unavailable\"}");
        }
        assertThat(app.refused()).isEqualTo(burst.size() - admitted);
        release.countDown();
        for (var f : burst) assertThat(f.get(10, TimeUnit.SECONDS).status()).isIn(200, 503);
        assertThat(burst.stream().filter(f -> f.join().status() == 200).count()).isEqualTo(admitted);
        // one WARN when the burst starts, however many requests it refused
        assertThat(logs.from("brisk.overload")).hasSize(1);
    }

    @Test
    void overTheInFlightLimitIs503() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            startWith(BriskTestClient.testConfig().inFlightLimit(2).retryAfterSeconds(1));
            var burst = fire(8);
            assertRefusedBurst(burst, 2, logs);
        }
    }

    @Test
    void fullBoundedQueueIs503() throws Exception {
        try (LogCapture logs = new LogCapture()) {
            startWith(BriskTestClient.testConfig().worker(WorkerMode.pool(1, 1)).retryAfterSeconds(1));
            var burst = fire(6);
            assertRefusedBurst(burst, 2, logs);
        }
    }
}
