package dev.brisk.bench.jmh;

import dev.brisk.Handler;
import dev.brisk.Response;
import dev.brisk.examples.seed.ItemsController;
import dev.brisk.params.Controllers;
import dev.brisk.routing.Route;
import dev.brisk.internal.routing.Router;
import java.util.ArrayList;
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
 * {@link Router#match} over the seed app's route table (static and templated routes, as the
 * benchmark server has them): a static hit ({@code /json}), a templated hit that must try the
 * more specific templates first ({@code /items/42}), and a miss (the 404 path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms256m", "-Xmx1g"})
public class RouterBenchmark {

    private final Router router = new Router(seedRoutes());

    static List<Route> seedRoutes() {
        Handler ok = Handler.loopSafe(req -> Response.text("ok"));
        List<Route> routes = new ArrayList<>();
        for (String p : List.of("/", "/sync", "/async", "/reset", "/ping", "/plaintext", "/json", "/http/sync",
                "/http/async", "/http/async/sync", "/cpu/inline", "/cpu/offload")) {
            routes.add(new Route("GET", p, ok));
        }
        for (String p : List.of("/asyncio-test/{user_id}", "/sync-test/{user_id}", "/users/{user_id}/posts/{post_id}",
                "/files/{rest:path}")) {
            routes.add(new Route("GET", p, ok));
        }
        routes.addAll(Controllers.routes(new ItemsController()));
        return routes;
    }

    @Benchmark
    public Router.Match staticHit() {
        return router.match("GET", "/json");
    }

    @Benchmark
    public Map<String, String> templatedHit() {
        return ((Router.Found) router.match("GET", "/items/42")).params();
    }

    @Benchmark
    public Map<String, String> templatedTwoParams() {
        return ((Router.Found) router.match("GET", "/users/7/posts/42")).params();
    }

    @Benchmark
    public Router.Match miss() {
        return router.match("GET", "/nowhere/at/all");
    }
}
