package dev.brisk.client;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The handler HTTP client: the async form resumes on the loop, the blocking form works on workers. */
class BriskHttpClientTest {

    @Test
    void getAsyncCompletesOnTheCallingLoop() throws Exception {
        try (BriskHttpClient http = BriskHttpClient.create()) {
            Brisk upstream = Brisk.create(BriskTestClient.testConfig());
            upstream.get("/data", loopSafe(req -> Response.text("upstream")));
            try (BriskTestClient upstreamClient = BriskTestClient.start(upstream)) {   // a real HTTP upstream
                String base = upstreamClient.baseUrl();
                Brisk app = Brisk.create(BriskTestClient.testConfig().loops(2));
                app.get("/async", loop(req -> {
                    Thread handler = Thread.currentThread();
                    return http.getAsync(base + "/data").thenApply(r -> Map.of("body", r.text(),
                            "sameThread", Thread.currentThread() == handler, "status", r.status()));
                }));
                app.get("/sync", worker(req -> http.get(base + "/data").text()));
                try (BriskTestClient client = BriskTestClient.inProcess(app)) {
                    assertThat(client.get("/async").send().text()).contains("\"body\":\"upstream\"").contains("\"sameThread\":true")
                            .contains("\"status\":200");
                    assertThat(client.get("/sync").send().text()).isEqualTo("\"upstream\"");
                }
            }
        }
    }

    @Test
    void aContinuationThatBlocksIsBlamedOnItsRoute() throws Exception {
        java.util.List<dev.brisk.watchdog.Stall> stalls = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (BriskHttpClient http = BriskHttpClient.create()) {
            Brisk upstream = Brisk.create(BriskTestClient.testConfig());
            upstream.get("/data", loopSafe(req -> Response.text("upstream")));
            try (BriskTestClient upstreamClient = BriskTestClient.start(upstream)) {   // a real HTTP upstream
                String base = upstreamClient.baseUrl();
                Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1).blockThreshold(java.time.Duration.ofMillis(50))
                        .onStall(stalls::add));
                app.get("/after-call", loop(req -> http.getAsync(base + "/data").thenApply(r -> {
                    try {
                        Thread.sleep(300); // the mistake: blocking after the await
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return r.text();
                })));
                try (BriskTestClient client = BriskTestClient.inProcess(app)) {
                    assertThat(client.get("/after-call").send().text()).isEqualTo("\"upstream\"");
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                            .until(() -> stalls.stream().anyMatch(s -> s.duration().toMillis() >= 250));
                    assertThat(stalls).filteredOn(s -> s.duration().toMillis() >= 250)
                            .extracting(dev.brisk.watchdog.Stall::summary).hasSize(1)
                            .allMatch(line -> line.contains("by GET /after-call"), "names the route");
                }
            }
        }
    }
}
