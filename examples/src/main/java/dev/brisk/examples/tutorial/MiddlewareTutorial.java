package dev.brisk.examples.tutorial;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.time.Duration;
import java.util.Map;

/**
 * FastAPI's "Middleware" page: a middleware that times every request and reports it in
 * {@code X-Process-Time} (seconds), around a blocking route and an async one.
 */
public final class MiddlewareTutorial {
    private MiddlewareTutorial() {}

    // docs:begin middleware
    public static Brisk create(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.addMiddleware((req, next) -> {
            long start = System.nanoTime();
            return next.call().thenApply(res ->
                    res.withHeader("X-Process-Time", String.format("%.6f", (System.nanoTime() - start) / 1e9)));
        });
        app.get("/sync", worker(req -> {
            Thread.sleep(50);
            return Map.of("lane", "worker");
        }));
        app.get("/async", loop(req -> req.sleep(Duration.ofMillis(50)).thenApply(v -> Map.of("lane", "loop"))));
        return app;
    }
    // docs:end

    public static void main(String[] args) {
        create(new BriskConfig().port(8000)).start();
    }
}
