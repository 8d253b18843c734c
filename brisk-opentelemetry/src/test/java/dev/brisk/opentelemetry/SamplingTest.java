package dev.brisk.opentelemetry;

import static dev.brisk.Handler.loop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.testing.BriskTestClient;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sampling and the per-request cost of tracing: the sampler decides before Brisk builds any attribute
 * (a dropped request does no attribute work), a kept span still gets all of them, and a dropped one still
 * carries its trace context to the handler.
 */
class SamplingTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final List<String> decided = new CopyOnWriteArrayList<>();
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private OpenTelemetrySdk otel;
    private BriskTestClient client;

    /** Keeps the spans of /kept only, and notes the name and the attributes each decision was given. */
    private final Sampler keepKept = new Sampler() {
        @Override
        public SamplingResult shouldSample(Context parent, String traceId, String name, SpanKind kind,
                                           Attributes attributes, List<LinkData> links) {
            decided.add(name + " " + attributes.size());
            return name.endsWith("/kept") ? SamplingResult.recordAndSample() : SamplingResult.drop();
        }

        @Override
        public String getDescription() {
            return "keep /kept";
        }
    };

    private void start() {
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(keepKept)
                        .addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
        BriskTracing.create(otel).install(app);
        app.get("/kept", loop(req -> CompletableFuture.completedFuture("k")));
        app.get("/dropped", loop(req -> {
            var c = Span.current().getSpanContext();
            seen.put("dropped", c.getTraceId() + " " + c.isSampled() + " " + Span.current().isRecording());
            return CompletableFuture.completedFuture("d");
        }));
        client = BriskTestClient.start(app);
    }

    @AfterEach
    void stop() {
        if (client != null) client.close();
        if (otel != null) otel.close();
    }

    @Test
    void theSamplerDecidesBeforeAnyAttributeIsBuiltAndAKeptSpanStillHasThemAll() throws Exception {
        start();
        assertThat(client.get("/dropped").send().status()).isEqualTo(200);
        assertThat(client.get("/kept").send().status()).isEqualTo(200);
        assertThat(decided).containsExactly("GET /dropped 0", "GET /kept 0");

        long deadline = System.currentTimeMillis() + 5000;
        while (spans.getFinishedSpanItems().isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(10);
        Thread.sleep(100); // a dropped span, had it been exported, would be there by now too
        List<SpanData> all = spans.getFinishedSpanItems();
        assertThat(all).extracting(SpanData::getName).containsExactly("GET /kept");
        Attributes a = all.get(0).getAttributes();
        assertThat(a.get(BriskTracing.METHOD)).isEqualTo("GET");
        assertThat(a.get(BriskTracing.PATH)).isEqualTo("/kept");
        assertThat(a.get(BriskTracing.ROUTE)).isEqualTo("/kept");
        assertThat(a.get(BriskTracing.LANE)).isEqualTo("loop");
        assertThat(a.get(BriskTracing.STATUS)).isEqualTo(200L);
        assertThat(a.get(BriskTracing.LOOP_TIME)).isNotNull();

        // the dropped request still had a (new, valid, unsampled, non-recording) trace context in its handler
        assertThat(seen.get("dropped")).matches("[0-9a-f]{32} false false").doesNotStartWith("0000000000000000");
    }
}
