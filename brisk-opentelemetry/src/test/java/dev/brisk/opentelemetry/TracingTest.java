package dev.brisk.opentelemetry;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.client.BriskHttpClient;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two real traced apps (a front calling an upstream with BriskHttpClient) and the OpenTelemetry SDK's
 * in-memory exporter: server spans by route template, W3C traceparent in and out, the context current
 * across sleep, offload and the HTTP client, client spans, lane/queue/loop attributes.
 */
class TracingTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final Map<String, String> seen = new ConcurrentHashMap<>();
    private OpenTelemetrySdk otel;
    private BriskHttpClient http;
    private Brisk upstream;
    private Brisk front;
    private BriskTestClient client;

    @BeforeEach
    void start() {
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        http = BriskHttpClient.create();
        upstream = Brisk.create(BriskTestClient.testConfig().loops(1));
        BriskTracing.create(otel).install(upstream);
        upstream.get("/up/{n}", loop(req -> java.util.concurrent.CompletableFuture.completedFuture(
                Map.of("traceparent", req.header("traceparent")))));
        upstream.start();   // the front's real HTTP upstream

        front = Brisk.create(BriskTestClient.testConfig().loops(1));
        BriskTracing.create(otel).install(front);
        front.get("/chain/{id}", loop(req -> {
            seen.put("handler", current());
            return req.sleep(Duration.ofMillis(10)).thenCompose(v -> {
                seen.put("after sleep", current());
                return req.offload(() -> {
                    seen.put("offloaded", current());
                    return 1;
                });
            }).thenCompose(v -> {
                seen.put("after offload", current());
                return http.getAsync(upstream.url() + "/up/1");
            }).thenApply(r -> {
                seen.put("after client", current());
                return r.text();
            });
        }));
        front.get("/spin", dev.brisk.Handler.loopSafe(req -> { // a plain loop handler holding the loop ~3 ms
            long until = System.nanoTime() + 3_000_000;
            while (System.nanoTime() < until) Thread.onSpinWait();
            seen.put("spin", current());
            // what the application attaches itself wins while attached, then the request's span is back
            var own = io.opentelemetry.api.trace.SpanContext.create(TRACE, PARENT,
                    io.opentelemetry.api.trace.TraceFlags.getSampled(), io.opentelemetry.api.trace.TraceState.getDefault());
            try (var ignored = Span.wrap(own).makeCurrent()) {
                seen.put("attached", current());
            }
            seen.put("detached", current());
            return "spun";
        }));
        front.get("/blocking", worker(req -> {
            seen.put("worker", current());
            return http.get(upstream.url() + "/up/2").text();
        }));
        client = BriskTestClient.start(front);
    }

    @AfterEach
    void stop() {
        client.close();
        upstream.stop();
        http.close();
        otel.close();
    }

    private static String current() {
        var c = Span.current().getSpanContext();
        return c.getTraceId() + "/" + c.getSpanId();
    }

    private List<SpanData> awaitSpans(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (spans.getFinishedSpanItems().size() < n && System.currentTimeMillis() < deadline) Thread.sleep(10);
        return spans.getFinishedSpanItems();
    }

    private static SpanData named(List<SpanData> all, String name, SpanKind kind) {
        return all.stream().filter(s -> s.getName().equals(name) && s.getKind() == kind).findFirst().orElseThrow(
                () -> new AssertionError("no " + kind + " span " + name + " in " + all.stream().map(SpanData::getName).toList()));
    }

    @Test
    void aLoopRequestIsOneTraceAcrossSleepOffloadAndTheHttpClient() throws Exception {
        TestResponse r = client.get("/chain/7").header("traceparent", "00-" + TRACE + "-" + PARENT + "-01").send();
        assertThat(r.status()).isEqualTo(200);
        List<SpanData> all = awaitSpans(3);

        SpanData server = named(all, "GET /chain/{id}", SpanKind.SERVER);
        assertThat(server.getTraceId()).isEqualTo(TRACE);
        assertThat(server.getParentSpanId()).isEqualTo(PARENT);
        assertThat(server.getAttributes().get(BriskTracing.ROUTE)).isEqualTo("/chain/{id}");
        assertThat(server.getAttributes().get(BriskTracing.PATH)).isEqualTo("/chain/7");
        assertThat(server.getAttributes().get(BriskTracing.LANE)).isEqualTo("loop");
        assertThat(server.getAttributes().get(BriskTracing.STATUS)).isEqualTo(200L);
        assertThat(server.getAttributes().get(BriskTracing.LOOP_TIME)).isPositive()
                .isLessThan((server.getEndEpochNanos() - server.getStartEpochNanos()) / 1e6);

        // the server span is current in the handler and in every continuation, on the loop and off it
        String expected = TRACE + "/" + server.getSpanId();
        assertThat(seen).containsOnlyKeys("handler", "after sleep", "offloaded", "after offload", "after client")
                .allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(expected));

        SpanData clientSpan = named(all, "GET", SpanKind.CLIENT);
        assertThat(clientSpan.getTraceId()).isEqualTo(TRACE);
        assertThat(clientSpan.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(clientSpan.getAttributes().get(BriskTracing.STATUS)).isEqualTo(200L);
        SpanData up = named(all, "GET /up/{n}", SpanKind.SERVER);
        assertThat(up.getTraceId()).isEqualTo(TRACE);
        assertThat(up.getParentSpanId()).isEqualTo(clientSpan.getSpanId());
        assertThat(r.text()).contains("00-" + TRACE + "-" + clientSpan.getSpanId() + "-01");
    }

    @Test
    void aWorkerRequestStartsATraceAndCarriesItThroughABlockingCall() throws Exception {
        assertThat(client.get("/blocking").send().status()).isEqualTo(200);
        List<SpanData> all = awaitSpans(3);
        SpanData server = named(all, "GET /blocking", SpanKind.SERVER);
        assertThat(server.getParentSpanContext().isValid()).isFalse(); // no traceparent came in: a new trace
        assertThat(server.getAttributes().get(BriskTracing.LANE)).isEqualTo("worker");
        assertThat(server.getAttributes().get(BriskTracing.QUEUE_WAIT)).isNotNull().isGreaterThanOrEqualTo(0.0);
        assertThat(seen.get("worker")).isEqualTo(server.getTraceId() + "/" + server.getSpanId());
        SpanData clientSpan = named(all, "GET", SpanKind.CLIENT);
        assertThat(clientSpan.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(named(all, "GET /up/{n}", SpanKind.SERVER).getParentSpanId()).isEqualTo(clientSpan.getSpanId());
    }

    @Test
    void aPlainLoopHandlerAnsweringFromItsEntryReportsItsLoopTime() throws Exception {
        // the answer (and so the span's end) comes from inside the handler's loop entry: that entry counts
        assertThat(client.get("/spin").send().status()).isEqualTo(200);
        SpanData s = named(awaitSpans(1), "GET /spin", SpanKind.SERVER);
        assertThat(s.getAttributes().get(BriskTracing.LOOP_TIME)).isGreaterThanOrEqualTo(3.0)
                .isLessThanOrEqualTo((s.getEndEpochNanos() - s.getStartEpochNanos()) / 1e6);
        // the request's context is found lazily (no attach per entry), and an attached one wins while attached
        assertThat(BriskTracing.lazyContext()).isTrue();
        String mine = s.getTraceId() + "/" + s.getSpanId();
        assertThat(seen).containsEntry("spin", mine).containsEntry("attached", TRACE + "/" + PARENT).containsEntry("detached", mine);
        assertThat(Span.current().getSpanContext().isValid()).isFalse(); // and nothing is current outside requests
    }

    @Test
    void aTraceTheCallerDidNotSampleIsCarriedOnButNotRecorded() throws Exception {
        // the SDK's default sampler follows the parent: flags 00 make a span that records nothing, yet its
        // context (made only when asked for) is current everywhere and goes on to the upstream unsampled
        TestResponse r = client.get("/chain/8").header("traceparent", "00-" + TRACE + "-" + PARENT + "-00").send();
        assertThat(r.status()).isEqualTo(200);
        assertThat(seen).containsOnlyKeys("handler", "after sleep", "offloaded", "after offload", "after client");
        String first = seen.get("handler");
        assertThat(first).startsWith(TRACE + "/").isNotEqualTo(TRACE + "/" + PARENT);
        assertThat(seen).allSatisfy((k, v) -> assertThat(v).as(k).isEqualTo(first));
        assertThat(r.text()).containsPattern("00-" + TRACE + "-[0-9a-f]{16}-00");
        Thread.sleep(200); // what would have been exported by now (SimpleSpanProcessor exports at the span's end)
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void unmatchedPathsAreNamedByMethodOnly() throws Exception {
        assertThat(client.get("/nothing/here").send().status()).isEqualTo(404);
        SpanData s = awaitSpans(1).get(0);
        assertThat(s.getName()).isEqualTo("GET");
        assertThat(s.getAttributes().get(BriskTracing.STATUS)).isEqualTo(404L);
        assertThat(s.getAttributes().get(BriskTracing.ROUTE)).isNull();
    }
}
