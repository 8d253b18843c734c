package dev.brisk.watchdog;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.server.Kit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The watchdog names the route that blocked a loop, with the stack captured during the stall. */
class WatchdogTest {
    private final List<Stall> stalls = new CopyOnWriteArrayList<>();

    private Brisk start(boolean strict) {
        return Kit.start(Kit.config().loops(1).blockThreshold(Duration.ofMillis(50))
                .workerStallLimit(Duration.ofMillis(300)).strictWatchdog(strict).onStall(stalls::add), a -> {
            a.get("/async", loop(req -> {
                Thread.sleep(400); // the seed's mistake: blocking inside an async handler
                return CompletableFuture.completedFuture("done");
            }));
            a.get("/fine", loop(req -> req.sleep(Duration.ofMillis(200)).thenApply(v -> "slept")));
            a.get("/ping", loopSafe(req -> Response.text("pong")));
            a.get("/slow-worker", worker(req -> {
                Thread.sleep(700);
                return "done";
            }));
        });
    }

    private void awaitStalls(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (stalls.size() < n && System.currentTimeMillis() < deadline) Thread.sleep(10);
    }

    @Test
    void namesTheRouteThatBlockedTheLoop() throws Exception {
        Brisk app = start(false);
        try {
            assertThat(Kit.get(app, "/fine").body()).isEqualTo("\"slept\"");
            assertThat(Kit.get(app, "/ping").statusCode()).isEqualTo(200);
            Thread.sleep(150);
            assertThat(stalls).isEmpty(); // a timer-based sleep holds no thread and stalls nothing
            assertThat(Kit.get(app, "/async").statusCode()).isEqualTo(200);
            awaitStalls(1);
            assertThat(stalls).hasSize(1);
            Stall s = stalls.get(0);
            assertThat(s.kind()).isEqualTo(Stall.Kind.LOOP);
            assertThat(s.route()).isEqualTo("GET /async");
            assertThat(s.thread()).isEqualTo("brisk-loop-1");
            assertThat(s.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(350));
            assertThat(s.stackText()).contains("Thread.sleep");
            assertThat(s.summary()).contains("blocked for").contains("by GET /async");
            assertThat(app.stalls()).hasSize(1);
        } finally {
            app.stop();
        }
    }

    @Test
    void reportsWorkerRequestsPastTheirLimit() throws Exception {
        Brisk app = start(false);
        try {
            assertThat(Kit.get(app, "/slow-worker").statusCode()).isEqualTo(200);
            awaitStalls(1);
            assertThat(stalls).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo(Stall.Kind.WORKER);
                assertThat(s.route()).isEqualTo("GET /slow-worker");
                assertThat(s.thread()).startsWith("brisk-vworker-");
                assertThat(s.duration()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
                assertThat(s.stackText()).contains("sleep");
            });
        } finally {
            app.stop();
        }
    }

    @Test
    void strictModeMakesStopFail() throws Exception {
        Brisk app = start(true);
        Kit.get(app, "/async");
        awaitStalls(1);
        assertThatThrownBy(app::stop).isInstanceOf(IllegalStateException.class).hasMessageContaining("GET /async");
    }

    @Test
    void strictModeStopsQuietlyWithoutStalls() throws Exception {
        Brisk app = start(true);
        assertThat(Kit.get(app, "/fine").statusCode()).isEqualTo(200);
        app.stop();
        assertThat(stalls).isEmpty();
    }
}
