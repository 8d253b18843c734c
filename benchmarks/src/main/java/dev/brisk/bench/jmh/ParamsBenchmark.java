package dev.brisk.bench.jmh;

import dev.brisk.Handler;
import dev.brisk.RequestValidationException;
import dev.brisk.examples.seed.ItemsController;
import dev.brisk.params.Controllers;
import dev.brisk.routing.Route;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Binding and validating {@code GET /items/{item_id}?q=&limit=} through the public API: the route
 * {@link Controllers#routes} compiles from the seed app's {@link ItemsController}, its handler called
 * with a {@link FakeRequest} whose parameters are already parsed. {@code valid} is the 200 path
 * (path int, optional string, int with default); {@code invalid} is the 422 path (two bad ints, two
 * errors collected into one validation exception).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms256m", "-Xmx1g"})
public class ParamsBenchmark {

    private final dev.brisk.WorkerHandler items;
    private final FakeRequest good = new FakeRequest("/items/42", Map.of("item_id", "42"),
            Map.of("q", List.of("abc"), "limit", List.of("5")));
    private final FakeRequest bad = new FakeRequest("/items/x", Map.of("item_id", "x"),
            Map.of("limit", List.of("many")));

    public ParamsBenchmark() {
        Route r = Controllers.routes(new ItemsController()).get(0);
        if (!(r.handler() instanceof Handler.LoopSafe safe)) {
            throw new IllegalStateException("expected a loop-safe handler: " + r.label());
        }
        items = safe.handler();
    }

    @Benchmark
    public Object valid() throws Exception {
        return items.handle(good);
    }

    @Benchmark
    public Object invalid() throws Exception {
        try {
            return items.handle(bad);
        } catch (RequestValidationException e) {
            return e;
        }
    }
}
