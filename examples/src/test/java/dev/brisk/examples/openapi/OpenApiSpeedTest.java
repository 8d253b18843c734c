package dev.brisk.examples.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.examples.seed.SeedApp;
import dev.brisk.examples.seed.SeedOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} is served from memory: its throughput is at least half of {@code /json}'s
 * (the bar; measured with wrk it is about the same or higher). Rounds alternate and the best
 * round of each counts, so a busy machine slows both alike; the margin is generous on purpose.
 */
class OpenApiSpeedTest {
    private static final int CLIENTS = 4;
    private static final int PER_CLIENT = 300;

    @Test
    void openapiJsonIsAtLeastHalfAsFastAsJson() throws Exception {
        try (Brisk app = SeedApp.create(new BriskConfig().port(0).loops(1).accessLog(false), SeedOptions.defaults());
             ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            app.start();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();   // own executor: the pool threads block in send()
            round(http, pool, app.url() + "/json");          // warm-up: JIT, connections
            round(http, pool, app.url() + "/openapi.json");
            double json = 0;
            double openapi = 0;
            for (int i = 0; i < 3; i++) {
                json = Math.max(json, round(http, pool, app.url() + "/json"));
                openapi = Math.max(openapi, round(http, pool, app.url() + "/openapi.json"));
            }
            System.out.printf("throughput: /json %.0f req/s, /openapi.json %.0f req/s (ratio %.2f)%n",
                    json, openapi, openapi / json);
            assertThat(openapi).as("/openapi.json %.0f req/s vs /json %.0f req/s", openapi, json)
                    .isGreaterThanOrEqualTo(json * 0.5);
        }
    }

    /** Requests per second for CLIENTS clients sending PER_CLIENT requests each. */
    private static double round(HttpClient http, ExecutorService pool, String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).build();
        long t0 = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            done.add(pool.submit(() -> {
                int ok = 0;
                for (int i = 0; i < PER_CLIENT; i++) {
                    if (http.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200) ok++;
                }
                return ok;
            }));
        }
        int ok = 0;
        for (Future<Integer> f : done) ok += f.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(ok).isEqualTo(CLIENTS * PER_CLIENT);
        return ok / seconds;
    }
}
