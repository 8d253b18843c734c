package dev.brisk.bench.jmh;

import dev.brisk.BriskConfig;
import dev.brisk.Handler;
import dev.brisk.Response;
import dev.brisk.internal.dispatch.Dispatcher;
import dev.brisk.internal.dispatch.Exchange;
import dev.brisk.internal.dispatch.LoopContext;
import dev.brisk.routing.Route;
import dev.brisk.internal.routing.Router;
import dev.brisk.internal.watchdog.LoopProbe;
import dev.brisk.internal.watchdog.Watchdog;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Everything Brisk does for one request between Netty's decoder and Netty's encoder:
 * {@link Dispatcher#handle} on a fake exchange whose loop runs tasks inline. That is routing, query
 * parsing, admission, binding and validation, the handler, JSON encoding of its result, and the
 * {@code Response} handed back. The routes are the seed app's {@code /plaintext}, {@code /json} and
 * {@code /items/{item_id}} (and the rest of its table, so routing does real work).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC", "-Xms256m", "-Xmx1g"})
public class DispatchBenchmark {

    private Dispatcher dispatcher;
    private final InlineLoop loop = new InlineLoop();

    /** Installs observers on {@code config}: none here; {@link ObservedDispatchBenchmark} adds them. */
    void observe(BriskConfig config) {
    }

    /** Closes what {@link #observe} opened. */
    void closeObservers() {
    }

    @Setup(Level.Trial)
    public void setUp() {
        List<Route> routes = new ArrayList<>(RouterBenchmark.seedRoutes());
        routes.removeIf(r -> r.template().equals("/plaintext") || r.template().equals("/json"));
        routes.add(new Route("GET", "/plaintext", Handler.loopSafe(req -> Response.text("Hello, World!"))));
        routes.add(new Route("GET", "/json", Handler.loopSafe(req -> Map.of("message", "Hello, World!"))));
        BriskConfig config = new BriskConfig();
        observe(config);
        dispatcher = new Dispatcher(new Router(routes), config,
                new Watchdog(config.blockThreshold(), config.workerStallLimit(), false, List.of()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        dispatcher.close();
        closeObservers();
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

    @Benchmark
    public Response itemsInvalid() {
        return run("/items/x?limit=many");
    }

    /** One GET with no headers and no body; keeps the answer. */
    static final class FakeExchange implements Exchange {
        final String uri;
        final LoopContext loop;
        Response response;

        FakeExchange(String uri, LoopContext loop) {
            this.uri = uri;
            this.loop = loop;
        }

        @Override public String method() { return "GET"; }
        @Override public String uri() { return uri; }
        @Override public String protocol() { return "HTTP/1.1"; }
        @Override public String header(String name) { return null; }
        @Override public List<String> headers(String name) { return List.of(); }
        @Override public List<Map.Entry<String, String>> headerEntries() { return List.of(); }
        @Override public byte[] body() { return new byte[0]; }
        @Override public InetSocketAddress remoteAddress() { return null; }
        @Override public LoopContext loop() { return loop; }
        @Override public void respond(Response r) { response = r; }
        @Override public boolean isOpen() { return true; }
        @Override public void onAbort(Runnable action) { }
    }

    /** The benchmark thread plays the event loop: tasks run at once, timers never fire. */
    static final class InlineLoop implements LoopContext {
        private final LoopProbe probe = new LoopProbe("bench-loop");

        @Override public LoopProbe probe() { return probe; }
        @Override public String name() { return "bench-loop"; }
        @Override public boolean inLoop() { return true; }
        @Override public Cancellable schedule(Runnable task, Duration delay) { return () -> true; }
        @Override public void execute(Runnable task) { task.run(); }
    }
}
