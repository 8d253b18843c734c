package dev.brisk.micrometer;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.WorkerMode;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real app with {@link BriskMetrics}: the Prometheus text it serves, parsed and checked. */
class MetricsTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private Brisk app;
    private BriskTestClient client;
    private BriskMetrics metrics;

    @BeforeEach
    void start() {
        app = Brisk.create(BriskTestClient.testConfig().loops(1).worker(WorkerMode.pool(1, 1)).blockThreshold(Duration.ofMillis(100)));
        metrics = BriskMetrics.prometheus().install(app);
        app.get("/items/{id}", loopSafe(req -> Map.of("id", req.pathParam("id"))));
        app.get("/work", worker(req -> "done"));
        app.get("/hold", worker(req -> release.await(10, TimeUnit.SECONDS)));
        app.get("/cpu", loop(req -> req.offloadCpu(() -> 42)));
        app.get("/block", loop(req -> {
            Thread.sleep(250); // a blocking call on the loop, on purpose
            return CompletableFuture.completedFuture("blocked");
        }));
        client = BriskTestClient.start(app);
    }

    @AfterEach
    void stop() {
        release.countDown();
        client.close();
    }

    private PromText scrape() throws Exception {
        TestResponse r = client.get("/metrics").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        return PromText.parse(r.text());
    }

    @Test
    void requestsByRouteTemplateMethodStatusAndLane() throws Exception {
        for (String id : List.of("1", "2", "3")) assertThat(client.get("/items/" + id).send().status()).isEqualTo(200);
        assertThat(client.get("/work").send().status()).isEqualTo(200);
        assertThat(client.get("/cpu").send().text()).isEqualTo("42");
        for (String p : List.of("/nope", "/nope/1", "/random-" + System.nanoTime())) assertThat(client.get(p).send().status()).isEqualTo(404);
        assertThat(client.request("DELETE", "/work").send().status()).isEqualTo(405);

        PromText m = scrape();
        assertThat(m.types()).containsEntry("http_server_requests_seconds", "histogram");
        assertThat(m.sum("http_server_requests_seconds_count",
                Map.of("method", "GET", "route", "/items/{id}", "status", "200", "lane", "loop"))).isEqualTo(3);
        assertThat(m.sum("http_server_requests_seconds_count",
                Map.of("method", "GET", "route", "/work", "status", "200", "lane", "worker"))).isEqualTo(1);
        // unknown paths share one label value: no cardinality from what clients send
        assertThat(m.sum("http_server_requests_seconds_count", Map.of("route", "UNMATCHED", "status", "404"))).isEqualTo(3);
        assertThat(m.sum("http_server_requests_seconds_count", Map.of("route", "UNMATCHED", "status", "405", "method", "DELETE"))).isEqualTo(1);
        assertThat(m.samples()).noneMatch(s -> s.labels().values().stream().anyMatch(v -> v.startsWith("/items/1") || v.contains("random")));
        // latency histogram: cumulative buckets ending at +Inf = count
        List<PromText.Sample> buckets = m.find("http_server_requests_seconds_bucket", Map.of("route", "/items/{id}"));
        assertThat(buckets).hasSizeGreaterThan(10);
        assertThat(m.sum("http_server_requests_seconds_bucket", Map.of("route", "/items/{id}", "le", "+Inf"))).isEqualTo(3);
        assertThat(m.sum("http_server_requests_seconds_sum", Map.of("route", "/items/{id}"))).isPositive();
        // the scrape itself is in flight while it formats
        assertThat(m.sum("brisk_requests_in_flight", Map.of())).isEqualTo(1);
        assertThat(m.sum("brisk_worker_queue_wait_seconds_count", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(m.sum("brisk_offload_seconds_count", Map.of("pool", "cpu"))).isEqualTo(1);
        assertThat(m.find("brisk_loop_lag_seconds_count", Map.of("loop", "brisk-loop-1"))).singleElement()
                .satisfies(s -> assertThat(s.value()).isPositive());
        assertThat(m.find("jvm_memory_used_bytes", Map.of())).isNotEmpty();
        assertThat(m.find("jvm_gc_pause_seconds_count", Map.of()).size() + m.find("jvm_gc_memory_allocated_bytes_total", Map.of()).size()).isPositive();
        assertThat(m.samples()).anyMatch(s -> s.name().startsWith("netty_allocator_memory_used"));
    }

    @Test
    void workerLaneQueuedInFlightAndRefused() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            Future<TestResponse> holding = clients.submit(() -> client.get("/hold").send());
            awaitGauge("brisk_worker_in_flight", 1);
            Future<TestResponse> queued = clients.submit(() -> client.get("/hold").send());
            awaitGauge("brisk_worker_queued", 1);
            assertThat(client.get("/work").send().status()).isEqualTo(503); // 1 thread busy, queue of 1 full
            assertThat(gauge("brisk_requests_in_flight")).isEqualTo(2);
            release.countDown(); // (/metrics is a worker route too: scraped once the pool is free again)
            assertThat(holding.get().status()).isEqualTo(200);
            assertThat(queued.get().status()).isEqualTo(200);
            PromText m = scrape();
            assertThat(m.sum("brisk_requests_refused_total", Map.of("lane", "worker"))).isEqualTo(1);
            assertThat(m.sum("http_server_requests_seconds_count", Map.of("route", "/work", "status", "503"))).isEqualTo(1);
            assertThat(m.sum("brisk_worker_queued", Map.of())).isZero();
            assertThat(m.sum("brisk_worker_in_flight", Map.of())).isEqualTo(1); // the scrape
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void loopStallsByKindAndRoute() throws Exception {
        assertThat(client.get("/block").send().status()).isEqualTo(200);
        long deadline = System.currentTimeMillis() + 5000;
        PromText m;
        do {
            Thread.sleep(50);
            m = scrape();
        } while (m.sum("brisk_stalls_total", Map.of("route", "GET /block")) == 0 && System.currentTimeMillis() < deadline);
        assertThat(m.find("brisk_stalls_total", Map.of("route", "GET /block"))).singleElement().satisfies(s -> {
            assertThat(s.labels()).containsEntry("kind", "blocked").containsEntry("where", "loop");
            assertThat(s.value()).isEqualTo(1);
        });
        // the lag histogram saw the stall: a heartbeat at least 100 ms late
        assertThat(m.sum("brisk_loop_lag_seconds_max", Map.of("loop", "brisk-loop-1"))).isGreaterThanOrEqualTo(0.1);
    }

    private void awaitGauge(String name, double value) throws Exception {
        // read the gauge without a scrape request (the worker pool may be full): through the registry
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            if (gauge(name) == value) return;
            Thread.sleep(10);
        }
        throw new AssertionError(name + " never reached " + value + " (now " + gauge(name) + ")");
    }

    private double gauge(String name) {
        return metrics.registry().get(name.replace('_', '.')).gauge().value();
    }
}
