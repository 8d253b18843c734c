package dev.brisk.middleware;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestRequest;
import dev.brisk.testing.TestResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's promise: every answer, the server's own included, passes through the app's middleware.
 * A browser on another origin can only read an answer that carries CORS headers, so an overloaded (503)
 * or slow (504) server must still send them.
 */
class EveryAnswerThroughMiddlewareTest {
    private static final String ORIGIN = "https://app.example";
    private final CountDownLatch release = new CountDownLatch(1);
    private Brisk app;
    private BriskTestClient client;

    @AfterEach
    void stop() {
        release.countDown();
        if (client != null) client.close();
    }

    private Brisk start(int inFlightLimit) {
        app = Brisk.create(BriskTestClient.testConfig().inFlightLimit(inFlightLimit).requestTimeout(Duration.ofMillis(300))
                .maxBodySize(1024));
        app.addMiddleware(new CorsMiddleware(CorsMiddleware.options().allowOrigins(ORIGIN)));
        app.get("/hold", worker(req -> {
            release.await(20, TimeUnit.SECONDS);
            return Map.of("held", true);
        })).timeout(Duration.ofSeconds(30));
        app.get("/slow", worker(req -> {
            Thread.sleep(5_000);
            return "late";
        }));
        app.get("/health", loopSafe(req -> Map.of("status", "ok"))).inFlightLimited(false);
        app.post("/upload", worker(req -> req.body().length));
        app.get("/ok", loopSafe(req -> "ok"));
        client = BriskTestClient.inProcess(app);
        return app;
    }

    private TestRequest request(String method, String path) {
        return client.request(method, path).header("origin", ORIGIN).timeout(Duration.ofSeconds(20));
    }

    private TestResponse get(String path) {
        return request("GET", path).send();
    }

    private static void assertCors(TestResponse r) {
        assertThat(r.header("access-control-allow-origin")).isEqualTo(ORIGIN);
    }

    @Test
    void theInFlight503CarriesCorsHeadersAndHealthIsExempt() throws Exception {
        start(1);
        CompletableFuture<TestResponse> held = request("GET", "/hold").sendAsync();
        long deadline = System.currentTimeMillis() + 5000;
        while (app.inFlight() < 1 && System.currentTimeMillis() < deadline) Thread.sleep(5);
        TestResponse refused = get("/ok");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.text()).isEqualTo("{\"detail\":\"Service Unavailable\"}");
        assertThat(refused.header("retry-after")).isNotNull();
        assertCors(refused);
        TestResponse health = get("/health");   // exempt: answers while the app is full
        assertThat(health.status()).isEqualTo(200);
        assertCors(health);
        release.countDown();
        assertThat(held.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(get("/ok").status()).isEqualTo(200);   // the slot was given back
    }

    @Test
    void theTimeLimit504CarriesCorsHeaders() throws Exception {
        start(100);
        long t0 = System.nanoTime();
        TestResponse r = get("/slow");
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Request time limit exceeded\"}");
        assertCors(r);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void routerAndServerAnswersCarryCorsHeaders() throws Exception {
        start(100);
        TestResponse missing = get("/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertCors(missing);
        TestResponse wrongMethod = request("DELETE", "/ok").send();
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertCors(wrongMethod);
        TestResponse tooLarge = request("POST", "/upload").body("x".repeat(4096), null).send();
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.text()).isEqualTo("{\"detail\":\"Request Entity Too Large\"}");
        assertCors(tooLarge);
        assertThat(get("/ok").status()).isEqualTo(200);
    }
}
