package dev.brisk.watchdog;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The watchdog names the route that blocked a loop, with the stack captured during the stall. */
class WatchdogTest {
    private final List<Stall> stalls = new CopyOnWriteArrayList<>();

    private BriskTestClient start(boolean strict) {
        return start(strict, 50);
    }

    private BriskTestClient start(boolean strict, long thresholdMillis) {
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1).blockThreshold(Duration.ofMillis(thresholdMillis))
                .workerStallLimit(Duration.ofMillis(300)).strictWatchdog(strict).onStall(stalls::add));
        app.get("/async", loop(req -> {
            Thread.sleep(400); // the seed's mistake: blocking inside an async handler
            return CompletableFuture.completedFuture("done");
        }));
        app.get("/fine", loop(req -> req.sleep(Duration.ofMillis(200)).thenApply(v -> "slept")));
        app.get("/ping", loopSafe(req -> Response.text("pong")));
        app.get("/slow-worker", worker(req -> {
            Thread.sleep(700);
            return "done";
        }));
        return BriskTestClient.inProcess(app);
    }

    private void awaitStalls(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (stalls.size() < n && System.currentTimeMillis() < deadline) Thread.sleep(10);
    }

    @Test
    void namesTheRouteThatBlockedTheLoop() throws Exception {
        BriskTestClient client = start(false);
        try {
            assertThat(client.get("/fine").send().text()).isEqualTo("\"slept\"");
            assertThat(client.get("/ping").send().status()).isEqualTo(200);
            Thread.sleep(150);
            // a timer-based sleep holds no thread and stalls nothing (on a loaded machine the OS may still
            // delay the loop now and then, so only stalls naming a route count here)
            assertThat(stalls).noneMatch(s -> s.route() != null);
            stalls.clear();
            assertThat(client.get("/async").send().status()).isEqualTo(200);
            long deadline = System.currentTimeMillis() + 5000;
            while (stalls.stream().noneMatch(s -> "GET /async".equals(s.route())) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            Stall s = stalls.stream().filter(x -> "GET /async".equals(x.route())).findFirst().orElseThrow();
            assertThat(s.kind()).isEqualTo(Stall.Kind.LOOP);
            assertThat(s.route()).isEqualTo("GET /async");
            assertThat(s.thread()).isEqualTo("brisk-loop-1");
            assertThat(s.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(350));
            assertThat(s.stackText()).contains("Thread.sleep");
            assertThat(s.summary()).contains("blocked for").contains("by GET /async");
            assertThat(client.app().stalls()).contains(s);
        } finally {
            client.close();
        }
    }

    @Test
    void reportsWorkerRequestsPastTheirLimit() throws Exception {
        BriskTestClient client = start(false);
        try {
            assertThat(client.get("/slow-worker").send().status()).isEqualTo(200);
            long deadline = System.currentTimeMillis() + 5000;
            while (stalls.stream().noneMatch(s -> s.kind() == Stall.Kind.WORKER) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertThat(stalls.stream().filter(s -> s.kind() == Stall.Kind.WORKER)).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo(Stall.Kind.WORKER);
                assertThat(s.route()).isEqualTo("GET /slow-worker");
                assertThat(s.thread()).startsWith("brisk-vworker-");
                assertThat(s.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
                assertThat(s.stackText()).contains("sleep");
            });
        } finally {
            client.close();
        }
    }

    @Test
    void strictModeMakesStopFail() throws Exception {
        BriskTestClient client = start(true);
        client.get("/async").send();
        awaitStalls(1);
        assertThatThrownBy(client.app()::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /async");
    }

    @Test
    void strictModeStopsQuietlyWithoutStalls() throws Exception {
        BriskTestClient client = start(true, 300); // a roomier threshold: this machine may be loaded by other tests
        assertThat(client.get("/fine").send().status()).isEqualTo(200);
        client.close();   // stops the app: in strict mode this throws if a stall was seen
        assertThat(stalls).noneMatch(s -> s.route() != null);
    }
}
