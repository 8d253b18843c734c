package dev.brisk.middleware;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.internal.server.Kit;
import dev.brisk.testing.BriskTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    @AfterEach
    void stop() {
        release.countDown();
        if (app != null) app.stop();
    }

    private Brisk start(int inFlightLimit) {
        app = Kit.start(BriskTestClient.testConfig().inFlightLimit(inFlightLimit).requestTimeout(Duration.ofMillis(300))
                .maxBodySize(1024), a -> {
            a.addMiddleware(new CorsMiddleware(CorsMiddleware.options().allowOrigins(ORIGIN)));
            a.get("/hold", worker(req -> {
                release.await(20, TimeUnit.SECONDS);
                return Map.of("held", true);
            })).timeout(Duration.ofSeconds(30));
            a.get("/slow", worker(req -> {
                Thread.sleep(5_000);
                return "late";
            }));
            a.get("/health", loopSafe(req -> Map.of("status", "ok"))).inFlightLimited(false);
            a.post("/upload", worker(req -> req.body().length));
            a.get("/ok", loopSafe(req -> "ok"));
        });
        return app;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return Kit.CLIENT.send(HttpRequest.newBuilder(URI.create(app.url() + path)).header("origin", ORIGIN)
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertCors(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("access-control-allow-origin")).hasValue(ORIGIN);
    }

    @Test
    void theInFlight503CarriesCorsHeadersAndHealthIsExempt() throws Exception {
        start(1);
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/hold");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        long deadline = System.currentTimeMillis() + 5000;
        while (app.inFlight() < 1 && System.currentTimeMillis() < deadline) Thread.sleep(5);
        HttpResponse<String> refused = get("/ok");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).isEqualTo("{\"detail\":\"Service Unavailable\"}");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertCors(refused);
        HttpResponse<String> health = get("/health");   // exempt: answers while the app is full
        assertThat(health.statusCode()).isEqualTo(200);
        assertCors(health);
        release.countDown();
        assertThat(held.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(get("/ok").statusCode()).isEqualTo(200);   // the slot was given back
    }

    @Test
    void theTimeLimit504CarriesCorsHeaders() throws Exception {
        start(100);
        long t0 = System.nanoTime();
        HttpResponse<String> r = get("/slow");
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Request time limit exceeded\"}");
        assertCors(r);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void routerAndServerAnswersCarryCorsHeaders() throws Exception {
        start(100);
        HttpResponse<String> missing = get("/nope");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertCors(missing);
        HttpResponse<String> wrongMethod = Kit.CLIENT.send(HttpRequest.newBuilder(URI.create(app.url() + "/ok"))
                .header("origin", ORIGIN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertCors(wrongMethod);
        HttpResponse<String> tooLarge = Kit.CLIENT.send(HttpRequest.newBuilder(URI.create(app.url() + "/upload"))
                .header("origin", ORIGIN).POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.body()).isEqualTo("{\"detail\":\"Request Entity Too Large\"}");
        assertCors(tooLarge);
        assertThat(get("/ok").statusCode()).isEqualTo(200);
    }
}
