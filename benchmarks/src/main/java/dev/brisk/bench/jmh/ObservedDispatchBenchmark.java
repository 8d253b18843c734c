package dev.brisk.bench.jmh;

import dev.brisk.BriskConfig;
import dev.brisk.Handler;
import dev.brisk.Response;
import dev.brisk.bench.jmh.DispatchBenchmark.FakeExchange;
import dev.brisk.bench.jmh.DispatchBenchmark.InlineLoop;
import dev.brisk.internal.dispatch.Dispatcher;
import dev.brisk.micrometer.BriskMetrics;
import dev.brisk.observe.RequestIds;
import dev.brisk.opentelemetry.BriskTracing;
import dev.brisk.routing.Route;
import dev.brisk.routing.Router;
import dev.brisk.watchdog.Watchdog;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observation adds to {@link DispatchBenchmark}'s request: the same dispatch with the seed app's
 * observers ({@code BRISK_OBSERVE=all}: Prometheus metrics, request ids, OpenTelemetry tracing through
 * the SDK with a batch processor and a counting exporter), one at a time or all together. Run with
 * {@code -prof gc}: bytes allocated per request do not depend on how loaded the machine is, so the
 * difference between {@code observe=none} and {@code all} is the figure to cut. The batch processor's
 * own thread (turning spans into span data for the exporter) allocates too, outside the measured
 * thread; the real-server measurement in benchmarks/README.md ("Observability's cost") counts it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms256m", "-Xmx1g"})
public class ObservedDispatchBenchmark {

    @Param({"none", "ids", "metrics", "tracing", "all"})
    public String observe;

    private Dispatcher dispatcher;
    private OpenTelemetrySdk otel;
    private final InlineLoop loop = new InlineLoop();
    private final LongAdder exported = new LongAdder();

    @Setup(Level.Trial)
    public void setUp() {
        List<Route> routes = new ArrayList<>(RouterBenchmark.seedRoutes());
        routes.removeIf(r -> r.template().equals("/plaintext") || r.template().equals("/json"));
        routes.add(new Route("GET", "/plaintext", Handler.loopSafe(req -> Response.text("Hello, World!"))));
        routes.add(new Route("GET", "/json", Handler.loopSafe(req -> Map.of("message", "Hello, World!"))));
        BriskConfig config = new BriskConfig();
        boolean all = observe.equals("all");
        if (all || observe.equals("metrics")) config.observe(BriskMetrics.prometheus().observer());
        if (all || observe.equals("ids")) config.observe(new RequestIds());
        if (all || observe.equals("tracing")) {
            // as the seed app's SeedObservability sets up the SDK for BRISK_OBSERVE=all
            otel = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder()
                            .addSpanProcessor(BatchSpanProcessor.builder(new Counting(exported)).build()).build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                    .build();
            config.observe(BriskTracing.create(otel));
        }
        dispatcher = new Dispatcher(new Router(routes), config,
                new Watchdog(config.blockThreshold(), config.workerStallLimit(), false, List.of()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dispatcher.close();
        if (otel != null) otel.close();
    }

    Response run(String uri) {
        FakeExchange ex = new FakeExchange(uri, loop);
        dispatcher.handle(ex);
        return ex.response;
    }

    @Benchmark
    public Response plaintext() {
        return run("/plaintext");
    }

    @Benchmark
    public Response json() {
        return run("/json");
    }

    @Benchmark
    public Response items() {
        return run("/items/42?q=abc&limit=5");
    }

    /** Counts what the SDK hands it, as the seed app's exporter does: the whole tracing path runs. */
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
