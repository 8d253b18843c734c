package dev.brisk.lanes;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Lane;
import dev.brisk.Loop;
import dev.brisk.Request;
import dev.brisk.WorkerMode;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.RunOn;
import dev.brisk.testing.BriskTestClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each lane runs its handler on the thread the design promises, in both routing styles. */
class LanesTest {
    private Brisk app;
    private BriskTestClient client;

    @AfterEach
    void stop() {
        if (client != null) client.close();
    }

    private static Map<String, Object> who() {
        return Map.of("thread", Thread.currentThread().getName(), "virtual", Thread.currentThread().isVirtual(),
                "loop", Loop.current().map(Loop::name).orElse("none"));
    }

    /** Controller style: the return type picks the lane, {@code @RunOn} overrides it. */
    public static final class Threads {
        @Get("/c/plain")
        public Map<String, Object> plain(Request req) { return who(); }

        @Get("/c/stage")
        public CompletionStage<Map<String, Object>> stage(Request req) { return CompletableFuture.completedFuture(who()); }

        @Get("/c/loop-safe") @RunOn(Lane.LOOP)
        public Map<String, Object> loopSafe(Request req) { return who(); }

        @Get("/c/stage-on-worker") @RunOn(Lane.WORKER)
        public CompletionStage<Map<String, Object>> stageOnWorker(Request req) {
            return CompletableFuture.completedFuture(who());
        }
    }

    private void startWith(dev.brisk.BriskConfig config) {
        app = Brisk.create(config.loops(2));
        app.get("/loop", loop(req -> CompletableFuture.completedFuture(who())));
        app.get("/loop-safe", loopSafe(req -> who()));
        app.get("/worker", worker(req -> who()));
        app.include(new Threads());
        client = BriskTestClient.inProcess(app);
    }

    private String thread(String path) throws Exception {
        var r = client.get(path).send();
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.text();
    }

    @Test
    void lambdaAndControllerRoutesRunInTheirLanes() throws Exception {
        startWith(BriskTestClient.testConfig());
        assertThat(thread("/loop")).matches(".*\"thread\":\"brisk-loop-\\d+\".*").contains("\"virtual\":false");
        assertThat(thread("/loop-safe")).matches(".*\"thread\":\"brisk-loop-\\d+\".*");
        assertThat(thread("/c/stage")).matches(".*\"thread\":\"brisk-loop-\\d+\".*");
        assertThat(thread("/c/loop-safe")).matches(".*\"thread\":\"brisk-loop-\\d+\".*");
        // Loop.current() names the loop on loop threads, and is empty on virtual workers
        assertThat(thread("/loop")).matches(".*\"loop\":\"brisk-loop-\\d+\".*");
        String w = thread("/worker");
        assertThat(w).matches(".*\"thread\":\"brisk-vworker-\\d+\".*").contains("\"virtual\":true").contains("\"loop\":\"none\"");
        assertThat(thread("/c/plain")).matches(".*\"thread\":\"brisk-vworker-\\d+\".*");
        assertThat(thread("/c/stage-on-worker")).matches(".*\"thread\":\"brisk-vworker-\\d+\".*");
    }

    @Test
    void poolModeRunsWorkersOnNamedPlatformThreads() throws Exception {
        startWith(BriskTestClient.testConfig().worker(WorkerMode.pool(3)));
        String w = thread("/worker");
        assertThat(w).matches(".*\"thread\":\"brisk-worker-[1-3]\".*").contains("\"virtual\":false").contains("\"loop\":\"none\"");
        assertThat(thread("/c/plain")).matches(".*\"thread\":\"brisk-worker-[1-3]\".*");
        assertThat(thread("/loop")).matches(".*\"thread\":\"brisk-loop-\\d+\".*");
    }
}
