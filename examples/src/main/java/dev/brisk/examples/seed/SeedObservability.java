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
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The seed app's production showcase, chosen with {@code BRISK_OBSERVE} (or {@code -Dbrisk.observe}):
 * {@code metrics} (default: Prometheus at {@code /metrics} and X-Request-ID, as the seed contract
 * fixes them), {@code all} (also OpenTelemetry tracing through the SDK with a batch processor; spans
 * are counted in {@code seed_spans_exported_total}, not sent anywhere, since the seed has no collector),
 * or {@code none} (plain Brisk, the benchmarks' baseline).
 *
 * <p>Tracing samples every request unless OpenTelemetry's own variables say otherwise:
 * {@code OTEL_TRACES_SAMPLER} ({@code always_on}, {@code parentbased_always_on}, {@code traceidratio},
 * {@code parentbased_traceidratio}) and {@code OTEL_TRACES_SAMPLER_ARG} (the ratio, default 1.0), e.g.
 * {@code parentbased_traceidratio} and {@code 0.1} as many production services run. That one is decided by
 * Brisk ({@link BriskTracing#sampleRatio}, with the SDK keeping what it is handed), so the 90 % left out cost
 * no SDK work. Public only for the benchmarks, which trace with exactly this SDK set-up.
 */
public final class SeedObservability {
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
        Sampling sampling = samplingFromEnvironment();
        OpenTelemetrySdk otel = tracingSdk(exported, sampling.sdk());
        BriskTracing tracing = BriskTracing.create(otel);
        if (sampling.brisk() != null) tracing.sampleRatio(sampling.brisk());
        tracing.install(app);
        app.onShutdown(otel::close);
    }

    /**
     * The seed's tracing SDK: W3C propagation, {@code sampler}, the SDK's batch span processor with its
     * defaults (as in production), and an exporter that counts the spans it is handed into {@code exported}.
     */
    public static OpenTelemetrySdk tracingSdk(LongAdder exported, Sampler sampler) {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler)
                        .addSpanProcessor(BatchSpanProcessor.builder(new Counting(exported)).build()).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
    }

    /**
     * Who samples: the SDK's sampler, and the ratio of Brisk's own head sampling ({@code null}: none).
     * {@code parentbased_traceidratio} is Brisk's ratio with an SDK that keeps what it is handed.
     */
    record Sampling(Sampler sdk, Double brisk) {
        static Sampling of(String name, String arg) {
            Sampler sdk = sampler(name, arg);
            if (!name.trim().equalsIgnoreCase("parentbased_traceidratio")) return new Sampling(sdk, null);
            return new Sampling(Sampler.parentBased(Sampler.alwaysOn()), Double.parseDouble(arg.trim()));
        }
    }

    /** The sampling {@code OTEL_TRACES_SAMPLER}/{@code OTEL_TRACES_SAMPLER_ARG} (or otel.traces.sampler[.arg]) name. */
    static Sampling samplingFromEnvironment() {
        String name = System.getProperty("otel.traces.sampler", System.getenv().getOrDefault("OTEL_TRACES_SAMPLER", "always_on"));
        String arg = System.getProperty("otel.traces.sampler.arg", System.getenv().getOrDefault("OTEL_TRACES_SAMPLER_ARG", "1.0"));
        return Sampling.of(name, arg);
    }

    static Sampler sampler(String name, String arg) {
        double ratio;
        try {
            ratio = Double.parseDouble(arg.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1, not " + arg, e);
        }
        if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1, not " + arg);
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "always_on" -> Sampler.alwaysOn();
            case "parentbased_always_on" -> Sampler.parentBased(Sampler.alwaysOn());
            case "traceidratio" -> Sampler.traceIdRatioBased(ratio);
            case "parentbased_traceidratio" -> Sampler.parentBased(Sampler.traceIdRatioBased(ratio));
            default -> throw new IllegalArgumentException("OTEL_TRACES_SAMPLER must be always_on, parentbased_always_on, "
                    + "traceidratio or parentbased_traceidratio, not " + name);
        };
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
