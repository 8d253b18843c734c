package dev.brisk.examples.readme;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Lane;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Query;
import dev.brisk.annotation.RunOn;
import dev.brisk.client.BriskHttpClient;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The README's example, kept compiling and running by ReadmeTest (which also checks the README quotes it). */
public final class ReadmeApp {
    private ReadmeApp() {}

    // README:begin
    public record Item(int item_id, Optional<String> q, int limit) {}

    public static final class Items {
        @Get("/items/{item_id}")                      // typed, validated, documented at /docs
        @RunOn(Lane.LOOP)                             // trivial: stays on the event loop
        public Item item(@PathParam @Min(1) int item_id, @Query Optional<String> q,
                         @Query(defaultValue = "10") @Max(100) int limit) {
            return new Item(item_id, q, limit);
        }
    }

    public static Brisk app(BriskConfig config) {
        BriskHttpClient http = BriskHttpClient.create();
        Brisk app = Brisk.create(config);
        app.get("/sync", worker(req -> {                 // FastAPI `def`: a (virtual) worker thread
            Thread.sleep(100);                           // blocking is fine here
            return Map.of("thread", Thread.currentThread().getName());
        }));
        app.get("/async", loop(req ->                    // FastAPI `async def`: the event loop
                req.sleep(Duration.ofMillis(100))        // a timer, no thread held
                   .thenApply(v -> Map.of("thread", Thread.currentThread().getName()))));
        app.get("/fib", loop(req ->                      // CPU work offloaded, resumed on the loop
                req.offloadCpu(() -> fib(30)).thenApply(f -> Map.of("fib", f))));
        app.get("/ping", loopSafe(req -> Map.of("pong", true)));
        app.get("/proxy", loop(req -> http.getAsync(app.url() + "/ping").thenApply(r -> r.text())));
        app.include(new Items());
        app.onShutdown(http::close);
        return app;
    }
    // README:end

    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }
}
