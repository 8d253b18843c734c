package dev.brisk.bench.jmh;

import dev.brisk.BriskConfig;
import dev.brisk.examples.seed.SeedObservability;
import dev.brisk.micrometer.BriskMetrics;
import dev.brisk.observe.RequestIds;
import dev.brisk.opentelemetry.BriskTracing;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Param;

/**
 * What observation adds to {@link DispatchBenchmark}'s request (the same routes and {@code @Benchmark}
 * methods, inherited): the seed app's observers ({@code BRISK_OBSERVE=all}: Prometheus metrics, request
 * ids, OpenTelemetry tracing through the seed's own SDK set-up, {@link SeedObservability#tracingSdk}: batch
 * processor, counting exporter), one at a time, all together ({@code all}: every span sampled), or all
 * with a parent-based 10 % trace-id ratio sampler in the SDK ({@code sampled}) or the same decision made by
 * Brisk before the SDK ({@code head}: {@code BriskTracing.sampleRatio}, as the seed app runs it). Run with {@code -prof gc}: bytes
 * allocated per request do not depend on how loaded the machine is, so the difference between
 * {@code observe=none} and {@code all} is the figure to cut. The batch processor's own thread (turning
 * spans into span data for the exporter) allocates too, outside the measured thread; {@link ObservedCost}
 * counts it.
 */
public class ObservedDispatchBenchmark extends DispatchBenchmark {

    @Param({"none", "ids", "metrics", "tracing", "all", "sampled", "head"})
    public String observe;

    private OpenTelemetrySdk otel;
    private final LongAdder exported = new LongAdder();

    @Override
    void observe(BriskConfig config) {
        boolean all = observe.equals("all") || observe.equals("sampled") || observe.equals("head");
        if (all || observe.equals("metrics")) config.observe(BriskMetrics.prometheus().observer());
        if (all || observe.equals("ids")) config.observe(new RequestIds());
        if (all || observe.equals("tracing")) {
            Sampler sampler = switch (observe) {
                case "sampled" -> Sampler.parentBased(Sampler.traceIdRatioBased(0.1));
                case "head" -> Sampler.parentBased(Sampler.alwaysOn());
                default -> Sampler.alwaysOn();
            };
            otel = SeedObservability.tracingSdk(exported, sampler);
            BriskTracing tracing = BriskTracing.create(otel);
            if (observe.equals("head")) tracing.sampleRatio(0.1); // the seed's parentbased_traceidratio
            config.observe(tracing);
        }
    }

    @Override
    void closeObservers() {
        if (otel != null) otel.close();
    }
}
