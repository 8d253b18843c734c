package dev.brisk.examples.seed;

import dev.brisk.Brisk;
import dev.brisk.micrometer.BriskMetrics;
import dev.brisk.observe.RequestIds;
import dev.brisk.opentelemetry.BriskTracing;
import io.micrometer.core.instrument.FunctionCounter;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The seed app's production showcase, chosen with {@code BRISK_OBSERVE} (or {@code -Dbrisk.observe}):
 * {@code metrics} (default: Prometheus at {@code /metrics} and X-Request-ID, as the seed contract
 * fixes them), {@code all} (also OpenTelemetry tracing through the SDK with a batch processor; spans
 * are counted in {@code seed_spans_exported_total}, not sent anywhere, since the seed has no collector),
 * or {@code none} (plain Brisk, the benchmarks' baseline).
 */
final class SeedObservability {
    enum Level { NONE, METRICS, ALL }

    private SeedObservability() {}

    static Level fromEnvironment() {
        String v = System.getProperty("brisk.observe", System.getenv().getOrDefault("BRISK_OBSERVE", "metrics"));
        try {
            return Level.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BRISK_OBSERVE must be none, metrics or all, not " + v, e);
        }
    }

    static void install(Brisk app, Level level) {
        if (level == Level.NONE) return;
        BriskMetrics metrics = BriskMetrics.prometheus().install(app);
        app.observe(new RequestIds());
        if (level != Level.ALL) return;
        LongAdder exported = new LongAdder();
        FunctionCounter.builder("seed.spans.exported", exported, LongAdder::sum).register(metrics.registry());
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(new Counting(exported)).build()).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        BriskTracing.create(otel).install(app);
        app.onShutdown(otel::close);
    }

    /** An exporter that counts what the SDK hands it: the whole tracing path runs, nothing leaves the process. */
    private record Counting(LongAdder exported) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            exported.add(spans.size());
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
