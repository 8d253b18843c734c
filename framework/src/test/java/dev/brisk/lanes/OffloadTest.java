package dev.brisk.lanes;

import static dev.brisk.Handler.loop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.HttpException;
import dev.brisk.testing.BriskTestClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offloaded work runs elsewhere and resumes on the very loop thread that ran the handler. */
class OffloadTest {
    private Brisk app;
    private BriskTestClient client;

    @BeforeEach
    void start() {
        app = Brisk.create(BriskTestClient.testConfig().loops(2));
        app.get("/offload", loop(req -> {
            Thread handler = Thread.currentThread();
            Map<String, Object> out = new LinkedHashMap<>();
            return req.offload(() -> {
                out.put("work", Thread.currentThread().getName());
                return 1;
            }).thenApply(v -> {
                out.put("handler", handler.getName());
                out.put("sameThread", Thread.currentThread() == handler);
                return out;
            });
        }));
        app.get("/cpu", loop(req -> {
            Thread handler = Thread.currentThread();
            return req.offloadCpu(() -> Thread.currentThread().getName())
                    .thenApply(w -> Map.of("work", w, "sameThread", Thread.currentThread() == handler));
        }));
        app.get("/fail", loop(req -> req.offload(() -> {
            throw new HttpException(418, "teapot");
        })));
        app.get("/slowwork", loop(req -> req.offload(() -> {
            Thread.sleep(2000);
            return "late";
        }, Duration.ofMillis(100)).exceptionally(e -> e instanceof TimeoutException
                || e.getCause() instanceof TimeoutException ? "timed out" : "other: " + e)));
        app.get("/sleep", loop(req -> {
            Thread handler = Thread.currentThread();
            return req.sleep(Duration.ofMillis(100)).thenApply(v -> Map.of("sameThread", Thread.currentThread() == handler));
        }));
        client = BriskTestClient.inProcess(app);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    @Test
    void offloadResumesOnTheHandlersLoopThread() throws Exception {
        for (int i = 0; i < 5; i++) {
            String body = client.get("/offload").send().text();
            assertThat(body).contains("\"sameThread\":true").matches(".*\"work\":\"brisk-vworker-\\d+\".*")
                    .matches(".*\"handler\":\"brisk-loop-\\d\".*");
        }
        assertThat(client.get("/cpu").send().text()).contains("\"sameThread\":true").contains("brisk-cpu-");
    }

    @Test
    void failuresPropagateThroughTheStage() throws Exception {
        var r = client.get("/fail").send();
        assertThat(r.status()).isEqualTo(418);
        assertThat(r.text()).isEqualTo("{\"detail\":\"teapot\"}");
    }

    @Test
    void offloadTimeoutFailsTheStage() throws Exception {
        long t0 = System.nanoTime();
        assertThat(client.get("/slowwork").send().text()).isEqualTo("\"timed out\"");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
    }

    @Test
    void sleepHoldsNoThreadAndResumesOnTheLoop() throws Exception {
        // 200 concurrent sleeps on 2 loops: all done in about one sleep, so no thread was held per sleep
        long t0 = System.nanoTime();
        var all = new java.util.ArrayList<CompletableFuture<dev.brisk.testing.TestResponse>>();
        for (int i = 0; i < 200; i++) {
            all.add(client.get("/sleep").timeout(Duration.ofSeconds(60)).sendAsync());
        }
        for (var f : all) assertThat(f.join().text()).isEqualTo("{\"sameThread\":true}");
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(5000);
        long threads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("brisk-")).count();
        assertThat(threads).isLessThan(40);
    }
}
