package dev.brisk.opentelemetry;

import static dev.brisk.Handler.loop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.client.BriskHttpClient;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Brisk's own head sampling ({@link BriskTracing#sampleRatio}) between two real apps: a front that samples
 * and an upstream left to the SDK's default parent-based sampler, both exporting into one in-memory exporter.
 */
class HeadSamplingTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private final List<String> handlerTraces = new CopyOnWriteArrayList<>();
    private OpenTelemetrySdk otel;
    private BriskHttpClient http;
    private Brisk upstream;
    private BriskTestClient client;

    private void start(double ratio) {
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        http = BriskHttpClient.create();
        upstream = Brisk.create(BriskTestClient.testConfig().loops(1));
        BriskTracing.create(otel).install(upstream);
        upstream.get("/up", loop(req -> CompletableFuture.completedFuture(req.header("traceparent"))));
        upstream.start();

        Brisk front = Brisk.create(BriskTestClient.testConfig().loops(1));
        BriskTracing.create(otel).sampleRatio(ratio).install(front);
        front.get("/chain", loop(req -> {
            seen.put("handler", current());
            return req.offload(() -> seen.put("offloaded", current()))
                    .thenCompose(v -> http.getAsync(upstream.url() + "/up"))
                    .thenApply(r -> {
                        seen.put("after client", current());
                        return r.text();
                    });
        }));
        front.get("/plain", dev.brisk.Handler.loopSafe(req -> {
            var c = Span.current().getSpanContext();
            handlerTraces.add(c.getTraceId() + " " + c.isSampled());
            return "p";
        }));
        client = BriskTestClient.start(front);
    }

    @AfterEach
    void stop() {
        if (client != null) client.close();
        if (upstream != null) upstream.stop();
        if (http != null) http.close();
        if (otel != null) otel.close();
    }

    private static String current() {
        var c = Span.current().getSpanContext();
        return c.getTraceId() + "/" + c.getSpanId() + "/" + c.isSampled() + "/" + Span.current().isRecording();
    }

    /** The traceparent the upstream was called with (a JSON string in the front's JSON string). */
    private static String upstreamSaw(TestResponse r) {
        return r.text().replaceAll("[\\\\\"]", "");
    }

    private List<SpanData> spansAfter(int atLeast) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (spans.getFinishedSpanItems().size() < atLeast && System.currentTimeMillis() < deadline) Thread.sleep(10);
        Thread.sleep(150); // a span that should not exist would have been exported by now too
        return spans.getFinishedSpanItems();
    }

    @Test
    void aNewTraceLeftOutIsNotRecordedButItsCodeHasOneUnsampledContextThatItsCallsCarryOn() throws Exception {
        start(0);
        TestResponse r = client.get("/chain").send();
        assertThat(r.status()).isEqualTo(200);

        String handler = seen.get("handler");
        assertThat(handler).matches("[0-9a-f]{32}/[0-9a-f]{16}/false/false").doesNotStartWith("00000000000000000000000000000000");
        assertThat(seen.get("offloaded")).isEqualTo(handler);
        assertThat(seen.get("after client")).isEqualTo(handler);
        String trace = handler.substring(0, 32);
        String span = handler.substring(33, 49);
        // the upstream was called in the same trace, unsampled, from a new (client) span under the request's
        assertThat(upstreamSaw(r)).matches("00-" + trace + "-[0-9a-f]{16}-00").doesNotContain(span);
        assertThat(spansAfter(0)).isEmpty(); // neither the front nor the parent-based upstream recorded anything
    }

    @Test
    void aCallerThatSampledIsTracedWhateverTheRatio() throws Exception {
        start(0);
        TestResponse r = client.get("/chain").header("traceparent", "00-" + TRACE + "-" + PARENT + "-01").send();
        assertThat(r.status()).isEqualTo(200);
        List<SpanData> all = spansAfter(3);
        SpanData server = all.stream().filter(s -> s.getName().equals("GET /chain")).findFirst().orElseThrow();
        assertThat(server.getTraceId()).isEqualTo(TRACE);
        assertThat(server.getParentSpanId()).isEqualTo(PARENT);
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(seen.get("handler")).isEqualTo(TRACE + "/" + server.getSpanId() + "/true/true");
        assertThat(all).extracting(SpanData::getName).containsExactlyInAnyOrder("GET /up", "GET", "GET /chain");
        assertThat(upstreamSaw(r)).startsWith("00-" + TRACE + "-").endsWith("-01");
    }

    @Test
    void aCallerThatDidNotSampleIsCarriedOnUnrecordedEvenAtRatioOne() throws Exception {
        start(1);
        TestResponse r = client.get("/chain").header("traceparent", "00-" + TRACE + "-" + PARENT + "-00").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(seen.get("handler")).startsWith(TRACE + "/").endsWith("/false/false").doesNotContain(PARENT);
        assertThat(upstreamSaw(r)).startsWith("00-" + TRACE + "-").endsWith("-00").doesNotContain(PARENT);
        assertThat(spansAfter(0)).isEmpty();
    }

    @Test
    void aRatioKeepsThatShareOfNewTracesAndLeavesOutWhatTraceIdRatioWouldToo() throws Exception {
        start(0.5);
        int n = 400;
        for (int i = 0; i < n; i++) assertThat(client.get("/plain").send().status()).isEqualTo(200);
        // 200 expected, standard deviation 10: 140..260 is six of them either side
        long exported = spansAfter(140).stream().filter(s -> s.getName().equals("GET /plain")).count();
        assertThat(exported).isBetween(140L, 260L);
        assertThat(handlerTraces).hasSize(n);
        Sampler sameRatio = Sampler.traceIdRatioBased(0.5);
        long unsampled = 0;
        for (String t : handlerTraces) {
            if (t.endsWith(" true")) continue;
            unsampled++;
            var decision = sameRatio.shouldSample(Context.root(), t.substring(0, 32), "x", SpanKind.SERVER,
                    Attributes.empty(), List.of()).getDecision();
            assertThat(decision).as(t).isEqualTo(SamplingDecision.DROP);
        }
        assertThat(unsampled).isEqualTo(n - exported);
    }

    @Test
    void ratioOneKeepsEveryNewTraceAndARatioOutsideZeroToOneIsRefused() throws Exception {
        start(1);
        for (int i = 0; i < 20; i++) assertThat(client.get("/plain").send().status()).isEqualTo(200);
        assertThat(spansAfter(20)).hasSize(20);
        assertThat(handlerTraces).allMatch(t -> t.endsWith(" true"));
        BriskTracing tracing = BriskTracing.create(otel);
        assertThatThrownBy(() -> tracing.sampleRatio(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1.5");
        assertThatThrownBy(() -> tracing.sampleRatio(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
