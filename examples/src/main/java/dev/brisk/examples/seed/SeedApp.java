package dev.brisk.examples.seed;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Request;
import dev.brisk.Response;
import dev.brisk.WebSocketHandler;
import dev.brisk.WebSocketMessage;
import dev.brisk.client.BriskHttpClient;
import dev.brisk.client.ClientResponse;
import dev.brisk.middleware.CorsMiddleware;
import dev.brisk.params.Params;
import dev.brisk.validation.Rules;
import dev.brisk.health.Health;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The seed application: every experiment of the five seed posts, as one Brisk app, with the routes,
 * lanes and JSON shapes fixed by shared/seed-app-contract.md. Some routes reproduce the seeds'
 * mistakes on purpose ({@code /async} and {@code /http/async/sync} block the event loop) so that the
 * lab can show them and the watchdog can name them.
 *
 * <pre>{@code
 * Brisk app = SeedApp.create(new BriskConfig().port(8000).loops(1), SeedOptions.defaults());
 * app.start();
 * }</pre>
 */
public final class SeedApp {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final SeedOptions options;
    private final AtomicInteger syncCount = new AtomicInteger();
    private final AtomicInteger asyncCount = new AtomicInteger();
    private final BriskHttpClient http = BriskHttpClient.create();

    private SeedApp(SeedOptions options) {
        this.options = options;
    }

    /** Builds the seed app on a new {@link Brisk} (not started). */
    public static Brisk create(BriskConfig config, SeedOptions options) {
        Brisk app = Brisk.create(config);
        new SeedApp(options).register(app);
        SeedObservability.install(app, SeedObservability.fromEnvironment());
        return app;
    }

    private void register(Brisk app) {
        // seed 000: a def route and an async def route, the n-th request blocking its thread
        app.get("/sync", worker(req -> counted(syncCount, "sync example")));
        app.get("/async", loop(req -> CompletableFuture.completedFuture(counted(asyncCount, "async example"))));
        app.get("/reset", loopSafe(req -> {
            syncCount.set(0);
            asyncCount.set(0);
            return Map.of("ok", true);
        }));
        // seed 004: 100 concurrent sleepers, on a timer vs on worker threads
        app.get("/asyncio-test/{user_id}", loop(req -> req.sleep(options.sleep()).thenApply(v -> done(req))));
        app.get("/sync-test/{user_id}", worker(req -> {
            Thread.sleep(options.sleep());
            return done(req);
        }));
        // seed 001: a slow upstream called three ways
        app.get("/http/sync", worker(req -> upstreamBody(http.get(upstreamUrl(req)))));
        app.get("/http/async", loop(req -> http.getAsync(upstreamUrl(req)).thenApply(SeedApp::upstreamBody)));
        app.get("/http/async/sync", loop(req ->
                CompletableFuture.completedFuture(upstreamBody(http.get(upstreamUrl(req))))));   // blocks the loop, on purpose
        // seed 002: CPU work inline vs offloaded
        app.get("/cpu/inline", loop(req -> CompletableFuture.completedFuture(Map.of("fib", fib(fibArg(req))))));
        app.get("/cpu/offload", loop(req -> {
            int n = fibArg(req);
            return req.offloadCpu(() -> fib(n)).thenApply(v -> Map.of("fib", v));
        }));
        // trivial routes for latency probes and benchmarks
        app.get("/ping", loopSafe(req -> Map.of("pong", true)));
        app.get("/plaintext", loopSafe(req -> Response.text("Hello, World!")));
        app.get("/json", loopSafe(req -> Map.of("message", "Hello, World!")));
        app.include(new ItemsController());
        // Production routes (contract, second round): a worker that sleeps, for time-limit and drain tests.
        app.get("/slow", worker(req -> {
            double seconds = slowSeconds(req);
            Thread.sleep((long) (seconds * 1000));
            return Map.of("slept", seconds);
        }));
        if (options.corsOrigin() != null) {
            app.addMiddleware(new CorsMiddleware(CorsMiddleware.options().allowOrigins(options.corsOrigin())));
        }
        // production routes: /health/live, /health/ready (503 {"status": "draining"} once SIGTERM arrives)
        Health.install(app);
        // issue 13: the same echo on both lanes; the loop one paces reading by its send's stage
        app.websocket("/ws/echo", WebSocketHandler.loop(ws -> {
            ws.accept();
            ws.onMessage(ws::send);
        }));
        app.websocket("/ws/echo-sync", WebSocketHandler.worker(ws -> {
            ws.accept();
            for (WebSocketMessage m : ws.messages()) ws.send(m); // blocks this connection's virtual thread only
        }));
        app.onShutdown(http::close);
    }

    private Map<String, Object> counted(AtomicInteger counter, String message) throws InterruptedException {
        int n = counter.incrementAndGet();
        String requestTime = LocalTime.now().format(TIME);
        boolean blocks = n == options.blockOn();
        if (blocks) Thread.sleep(options.block()); // seed 000's time.sleep(20): in /async it freezes the loop
        Thread t = Thread.currentThread();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", blocks ? message + " (sleep)" : message);
        body.put("count", n);
        body.put("thread_id", t.threadId());
        body.put("thread_name", t.getName().isEmpty() ? t.toString() : t.getName());
        body.put("request_time", requestTime);
        return body;
    }

    private static Map<String, Object> done(Request req) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user", req.pathParam("user_id"));
        body.put("status", "done");
        return body;
    }

    private String upstreamUrl(Request req) {
        String waitms = req.queryParam("waitms");
        return options.upstream() + "/?waitms=" + (waitms == null ? "1000" : waitms);
    }

    private static Response upstreamBody(ClientResponse r) {
        return Response.rawJson(r.body()).withStatus(r.status());
    }

    private static double slowSeconds(Request req) {
        Params p = Params.of(req);
        double seconds = p.query("seconds", Double.class, 1.0, Rules.ge(0), Rules.le(3600));
        p.validate();   // a bad value is FastAPI's 422
        return seconds;
    }

    private static int fibArg(Request req) {
        String n = req.queryParam("n");
        try {
            return n == null ? 30 : Math.min(45, Integer.parseInt(n));
        } catch (NumberFormatException e) {
            throw new dev.brisk.HttpException(422, "n must be an integer");
        }
    }

    /** Naive recursive Fibonacci: deliberately CPU-bound. */
    public static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
