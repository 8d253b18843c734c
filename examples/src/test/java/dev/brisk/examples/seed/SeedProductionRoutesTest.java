package dev.brisk.examples.seed;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The contract's production options of the pipeline issue: {@code --cors-origin} puts CORS headers on
 * every answer (the 504 of {@code --time-limit} and the router's 404 included), {@code GET /slow}.
 */
class SeedProductionRoutesTest {
    static final String ORIGIN = "https://dashboard.example";
    static BriskTestClient client;

    @BeforeAll
    static void start() {
        Brisk app = SeedApp.create(new BriskConfig().port(0).loops(1).accessLog(false)
                .requestTimeout(Duration.ofMillis(500)), SeedOptions.defaults().withCorsOrigin(ORIGIN));
        client = BriskTestClient.start(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void slowSleepsOnAWorkerAndSaysHowLong() {
        client.get("/slow").query("seconds", "0.05").header("origin", ORIGIN).assertStatus(200)
                .assertJson("slept", 0.05).assertHeader("access-control-allow-origin", ORIGIN);
        client.get("/slow").query("seconds", "-1").header("origin", ORIGIN).assertStatus(422)
                .assertJson("detail[0].loc", java.util.List.of("query", "seconds"))
                .assertHeader("access-control-allow-origin", ORIGIN);
    }

    @Test
    void theTimeLimitAnswers504WithCorsHeaders() {
        client.get("/slow").query("seconds", "3").header("origin", ORIGIN).assertStatus(504)
                .assertJson("detail", "Request time limit exceeded")
                .assertHeader("access-control-allow-origin", ORIGIN);
    }

    @Test
    void routerMissesCarryCorsHeaders() {
        client.get("/no/such/route").header("origin", ORIGIN).assertStatus(404)
                .assertHeader("access-control-allow-origin", ORIGIN);
        client.get("/json").header("origin", "https://evil.example").assertStatus(200)
                .assertNoHeader("access-control-allow-origin");
    }
}
