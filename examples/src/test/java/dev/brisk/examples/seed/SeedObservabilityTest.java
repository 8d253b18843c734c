package dev.brisk.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The seed app's production contract: GET /metrics in Prometheus text, X-Request-ID on every answer. */
class SeedObservabilityTest {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> get(Brisk app, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) b.headers(headers);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double sample(String text, String line) {
        Matcher m = Pattern.compile("^" + Pattern.quote(line) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        assertThat(m.find()).as("no sample %s in:\n%s", line, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metricsAndRequestIds() throws Exception {
        try (Brisk app = SeedApp.create(new BriskConfig().port(0).loops(1).accessLog(false), SeedOptions.defaults())) {
            app.start();
            HttpResponse<String> items = get(app, "/items/5?q=x", "X-Request-ID", "seed-1");
            assertThat(items.statusCode()).isEqualTo(200);
            assertThat(items.headers().firstValue("x-request-id")).hasValue("seed-1");
            assertThat(get(app, "/items/6").headers().firstValue("x-request-id")).isPresent();
            assertThat(get(app, "/items/oops").statusCode()).isEqualTo(422);
            assertThat(get(app, "/sync").statusCode()).isEqualTo(200);
            assertThat(get(app, "/no/such/path").headers().firstValue("x-request-id")).isPresent();

            HttpResponse<String> metrics = get(app, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.headers().firstValue("content-type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            String text = metrics.body();
            assertThat(sample(text, "http_server_requests_seconds_count{lane=\"loop\",method=\"GET\",route=\"/items/{item_id}\",status=\"200\"}")).isEqualTo(2);
            assertThat(sample(text, "http_server_requests_seconds_count{lane=\"loop\",method=\"GET\",route=\"/items/{item_id}\",status=\"422\"}")).isEqualTo(1);
            assertThat(sample(text, "http_server_requests_seconds_count{lane=\"worker\",method=\"GET\",route=\"/sync\",status=\"200\"}")).isEqualTo(1);
            assertThat(sample(text, "http_server_requests_seconds_count{lane=\"none\",method=\"GET\",route=\"UNMATCHED\",status=\"404\"}")).isEqualTo(1);
            assertThat(text).contains("brisk_loop_lag_seconds_bucket{loop=\"brisk-loop-1\"", "brisk_worker_queued ",
                    "brisk_worker_in_flight ", "brisk_requests_refused_total{lane=\"worker\"}", "jvm_memory_used_bytes");
            assertThat(text).doesNotContain("/items/5", "/no/such/path");
            // /metrics stays out of the OpenAPI document, like prometheus-fastapi-instrumentator's
            assertThat(get(app, "/openapi.json").body()).doesNotContain("/metrics");
        }
    }

    /** Every metric the Grafana dashboard (deploy/grafana/brisk.json) queries is one the seed app serves. */
    @Test
    void theDashboardQueriesMetricsTheAppServes() throws Exception {
        JsonNode dash = JsonMapper.builder().build().readTree(Files.readString(Path.of("../deploy/grafana/brisk.json")));
        Set<String> queried = new TreeSet<>();
        Pattern name = Pattern.compile("\\b((?:brisk|http_server|jvm|netty)_[a-z_]+)");
        for (JsonNode panel : dash.get("panels")) {
            for (JsonNode t : panel.path("targets")) {
                Matcher m = name.matcher(t.get("expr").asString());
                while (m.find()) queried.add(m.group(1));
            }
        }
        assertThat(queried).hasSizeGreaterThan(12);
        SeedOptions blockOnce = SeedOptions.defaults().withBlock(0.15, 1); // the first /async blocks its loop 150 ms
        try (Brisk app = SeedApp.create(new BriskConfig().port(0).loops(1).accessLog(false), blockOnce)) {
            app.start();
            assertThat(get(app, "/async").statusCode()).isEqualTo(200);
            assertThat(get(app, "/cpu/offload?n=5").statusCode()).isEqualTo(200);
            System.gc(); // the GC pause timer exists once a collection was seen
            String text = "";
            long deadline = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < deadline) {
                text = get(app, "/metrics").body();
                if (text.contains("brisk_stalls_total{") && text.contains("jvm_gc_pause_seconds")) break;
                Thread.sleep(100);
            }
            Set<String> served = new TreeSet<>();
            Matcher m = Pattern.compile("^([a-z_]+)[{ ]", Pattern.MULTILINE).matcher(text);
            while (m.find()) served.add(m.group(1));
            assertThat(served).containsAll(queried);
        }
    }

    @Test
    void withTracingTooSpansReachTheExporter() throws Exception {
        Brisk app = Brisk.create(new BriskConfig().port(0).loops(1).accessLog(false));
        SeedObservability.install(app, SeedObservability.Level.ALL);
        app.get("/x", dev.brisk.Handler.loopSafe(req -> "x"));
        try (app) {
            app.start();
            for (int i = 0; i < 5; i++) assertThat(get(app, "/x").statusCode()).isEqualTo(200);
            long deadline = System.currentTimeMillis() + 15_000; // the batch processor exports every 5 s
            double exported = 0;
            while (exported < 5 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
                exported = sample(get(app, "/metrics").body(), "seed_spans_exported_total");
            }
            assertThat(exported).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void theSamplerIsOpenTelemetrysOwnVariablesChoice() {
        assertThat(SeedObservability.sampler("always_on", "1.0").getDescription()).isEqualTo("AlwaysOnSampler");
        assertThat(SeedObservability.sampler("parentbased_traceidratio", "0.1").getDescription())
                .startsWith("ParentBased{root:TraceIdRatioBased{0.100000}");
        // that one is Brisk's head sampling, before the SDK, which then keeps what it is handed
        SeedObservability.Sampling head = SeedObservability.Sampling.of(" ParentBased_TraceIdRatio", "0.1");
        assertThat(head.brisk()).isEqualTo(0.1);
        assertThat(head.sdk().getDescription()).startsWith("ParentBased{root:AlwaysOnSampler");
        SeedObservability.Sampling sdk = SeedObservability.Sampling.of("traceidratio", "0.25");
        assertThat(sdk.brisk()).isNull();
        assertThat(sdk.sdk().getDescription()).isEqualTo("TraceIdRatioBased{0.250000}");
        assertThat(SeedObservability.sampler("TraceIdRatio", " 0.25 ").getDescription()).isEqualTo("TraceIdRatioBased{0.250000}");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedObservability.sampler("sometimes", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OTEL_TRACES_SAMPLER must be");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedObservability.sampler("traceidratio", "1.5"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OTEL_TRACES_SAMPLER_ARG");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SeedObservability.sampler("traceidratio", "half"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("OTEL_TRACES_SAMPLER_ARG");
    }
}
