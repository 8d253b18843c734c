package dev.brisk.examples.docs;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.RunOn;
import dev.brisk.Lane;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Tutorial chapter 10: the lanes, FastAPI's {@code def} and {@code async def}. */
public final class Lanes {
    private Lanes() {}

    static String jdbcQuery() throws InterruptedException {
        Thread.sleep(20);                       // stands for a blocking driver call
        return "row";
    }

    // docs:begin lanes
    public static Brisk app(BriskConfig config) {
        Brisk app = Brisk.create(config);
        // FastAPI `def`: blocking code (JDBC, files, a blocking client) on a virtual thread
        app.get("/report", worker(req -> Map.of("row", jdbcQuery(), "thread", Thread.currentThread().getName())));
        // FastAPI `async def`: never block; return a CompletionStage that completes later
        app.get("/later", loop(req -> req.sleep(Duration.ofMillis(20))
                .thenApply(v -> Map.of("thread", Thread.currentThread().getName()))));
        // blocking or CPU work from a loop route: offload it, resume on the same event loop
        app.get("/mixed", loop(req -> req.offload(Lanes::jdbcQuery)
                .thenApply(row -> Map.of("row", row, "thread", Thread.currentThread().getName()))));
        // trivial, non-blocking, cheap: computed on the loop, no hop at all
        app.get("/ping", loopSafe(req -> Map.of("pong", true)));
        app.include(new Controller());
        return app;
    }

    public static final class Controller {
        @Get("/controller/worker")                // not a CompletionStage: worker lane
        public Map<String, String> blocking() throws InterruptedException {
            return Map.of("row", jdbcQuery());
        }

        @Get("/controller/loop")                  // a CompletionStage: loop lane
        public CompletionStage<Map<String, String>> async() {
            return CompletableFuture.completedFuture(Map.of("thread", Thread.currentThread().getName()));
        }

        @Get("/controller/pinned")
        @RunOn(Lane.LOOP)                         // a plain value, but trivial: keep it on the loop
        public Map<String, Boolean> pinned() {
            return Map.of("ok", true);
        }
    }
    // docs:end
}
