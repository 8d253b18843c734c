package dev.brisk.health;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * /health/live and /health/ready on a real server: user checks, the 503 with the failing names, the
 * readiness flip on stop before the port closes (the drain delay), and SIGTERM to a child JVM whose
 * own main called app.start(): drained and shut down with the app's hooks, as ./brisk serve does.
 */
class HealthTest {

    @Test
    void liveAndReadyWithChecks() throws Exception {
        AtomicBoolean db = new AtomicBoolean(true);
        Brisk app = Brisk.create(BriskTestClient.testConfig());
        Health.install(app, "/livez", "/readyz")
                .check("database", db::get)
                .check("cache", () -> true)
                .check("slow", () -> { Thread.sleep(50); return true; });
        try (BriskTestClient client = BriskTestClient.inProcess(app)) {
            assertThat(client.get("/livez").send().text()).isEqualTo("{\"status\":\"ok\"}");
            TestResponse ready = client.get("/readyz").send();
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.text()).isEqualTo("{\"status\":\"ready\"}");
            db.set(false);
            TestResponse failing = client.get("/readyz").send();
            assertThat(failing.status()).isEqualTo(503);
            assertThat(failing.text()).isEqualTo("{\"status\":\"unavailable\",\"failing\":[\"database\"]}");
            assertThat(client.get("/livez").send().status()).isEqualTo(200);
            assertThat(client.get("/health/ready").send().status()).isEqualTo(404);
        }
    }

    @Test
    void aCheckThatThrowsOrHangsFailsWithItsName() throws Exception {
        Brisk app = Brisk.create(BriskTestClient.testConfig());
        Health.install(app).timeout(Duration.ofMillis(300))
                .check("broken", () -> { throw new IllegalStateException("connection refused"); })
                .check("hung", () -> { Thread.sleep(10_000); return true; });
        try (BriskTestClient client = BriskTestClient.inProcess(app)) {
            long t0 = System.nanoTime();
            TestResponse r = client.get("/health/ready").send();
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.text()).isEqualTo("{\"status\":\"unavailable\",\"failing\":[\"broken\",\"hung\"]}");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void onStopReadinessTurns503FirstThenTheServerDrains() throws Exception {
        BriskConfig c = BriskTestClient.testConfig();
        c.deployment().drainDelay(Duration.ofMillis(1500));
        Brisk app = Brisk.create(c);
        Health.install(app);
        app.get("/slow", worker(req -> { Thread.sleep(800); return Map.of("slept", true); }));
        // port-bound: the drain is about the listening socket (a request that started completes after it closes)
        BriskTestClient client = BriskTestClient.start(app);
        assertThat(client.get("/health/ready").send().status()).isEqualTo(200);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::stop);
        await().atMost(Duration.ofSeconds(1)).until(app::isDraining);
        TestResponse ready = client.get("/health/ready").send();
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.text()).isEqualTo("{\"status\":\"draining\"}");
        assertThat(client.get("/health/live").send().status()).isEqualTo(200);
        // still serving during the delay: a request that starts now completes after the port closes
        CompletableFuture<TestResponse> slow = client.get("/slow").timeout(Duration.ofSeconds(60)).sendAsync();
        stopping.get(20, TimeUnit.SECONDS);
        assertThat(slow.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);
        client.close();
    }

    @Test
    void sigtermToAnAppStartedFromItsOwnMainDrainsAndRunsShutdownHooks() throws Exception {
        Child child = Child.start(1500, true);
        try {
            assertThat(child.get("/health/ready").statusCode()).isEqualTo(200);
            CompletableFuture<HttpResponse<String>> slow = child.getAsync("/slow?ms=1000");
            Thread.sleep(100);
            child.process.destroy();   // SIGTERM
            await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                HttpResponse<String> r = child.get("/health/ready");
                assertThat(r.statusCode()).isEqualTo(503);
                assertThat(r.body()).isEqualTo("{\"status\":\"draining\"}");
            });
            assertThat(slow.get(10, TimeUnit.SECONDS).body()).isEqualTo("{\"slept\":true}");
            assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String out = child.output();
            assertThat(out).contains("Draining: readiness answers 503").contains("Application shutdown complete.")
                    .contains("user shutdown hook ran");
            assertThat(out.indexOf("Draining")).isLessThan(out.indexOf("user shutdown hook ran"));
        } finally {
            child.process.destroyForcibly();
        }
    }

    @Test
    void theHookCanBeTurnedOff() throws Exception {
        Child child = Child.start(0, false);
        try {
            child.process.destroy();
            assertThat(child.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(child.output()).doesNotContain("user shutdown hook ran").doesNotContain("Application shutdown complete");
        } finally {
            child.process.destroyForcibly();
        }
    }

    /**
     * A child JVM running {@link SigtermMain}; its output goes to a file. Its app runs in another process,
     * so the test talks to it with a plain JDK client, as any HTTP client would.
     */
    private record Child(Process process, int port, Path log) {
        private static final HttpClient HTTP = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

        static Child start(long drainMs, boolean hook) throws Exception {
            String java = ProcessHandle.current().info().command().orElse("java");
            Path log = Files.createTempFile("brisk-child", ".log");
            Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SigtermMain.class.getName(), Long.toString(drainMs), Boolean.toString(hook))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && p.isAlive()) {
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("PORT=")) return new Child(p, Integer.parseInt(line.substring(5)), log);
                }
                Thread.sleep(100);
            }
            p.destroyForcibly();
            throw new IllegalStateException("child did not start: " + Files.readString(log));
        }

        HttpResponse<String> get(String path) throws Exception {
            return getAsync(path).get(10, TimeUnit.SECONDS);
        }

        CompletableFuture<HttpResponse<String>> getAsync(String path) {
            return HTTP.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String output() throws java.io.IOException {
            return Files.readString(log);
        }
    }
}
