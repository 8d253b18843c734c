package dev.brisk.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The README's Observability example is quoted verbatim and does what the README says. */
class ObservabilityReadmeTest {
    @Test
    void readmeQuotesTheExample() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) root = root.getParent();
        String source = Files.readString(root.resolve("examples/src/main/java/dev/brisk/examples/readme/ObservabilityApp.java"));
        String snippet = source.substring(source.indexOf("// README:begin") + 15, source.indexOf("    // README:end"));
        String readme = Files.readString(root.resolve("README.md"));
        for (String line : Arrays.stream(snippet.split("\n")).filter(l -> !l.isBlank()).map(l -> l.substring(4)).toList()) {
            assertThat(readme).as("README quotes ObservabilityApp").contains(line);
        }
    }

    @Test
    void theExampleRuns() throws Exception {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
             Brisk app = ObservabilityApp.app(new BriskConfig().port(0).loops(1), otel)) {
            app.start();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(app.url() + "/orders/42"))
                    .header("X-Request-ID", "req-42").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-request-id")).hasValue("req-42");
            String metrics = client.send(HttpRequest.newBuilder(URI.create(app.url() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("http_server_requests_seconds_count{lane=\"loop\",method=\"GET\",route=\"/orders/{id}\",status=\"200\"} 1");
            long deadline = System.currentTimeMillis() + 5000;
            while (spans.getFinishedSpanItems().stream().noneMatch(s -> s.getName().equals("GET /orders/{id}"))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(spans.getFinishedSpanItems()).anyMatch(s -> s.getName().equals("GET /orders/{id}"));
        }
    }
}
