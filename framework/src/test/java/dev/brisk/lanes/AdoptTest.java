package dev.brisk.lanes;

import static dev.brisk.Handler.loop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.watchdog.Stall;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A stage completed on a third-party client's own thread (here: a plain executor standing in for a
 * database driver's I/O threads), adopted by the request, resumes on the handler's loop thread and is
 * still the route's code for the watchdog.
 */
class AdoptTest {
    private final ExecutorService driver = Executors.newSingleThreadExecutor(r -> new Thread(r, "driver-io"));
    private final List<Stall> stalls = new CopyOnWriteArrayList<>();
    private Brisk app;
    private BriskTestClient client;

    private CompletableFuture<String> query() {
        return CompletableFuture.supplyAsync(() -> {
            sleep(20);
            return Thread.currentThread().getName();
        }, driver);
    }

    @BeforeEach
    void start() {
        app = Brisk.create(BriskTestClient.testConfig().loops(2).blockThreshold(Duration.ofMillis(100)).onStall(stalls::add));
        app.get("/adopt", loop(req -> {
            Thread handler = Thread.currentThread();
            return req.adopt(query()).thenApply(completedOn -> Map.of("completedOn", completedOn,
                    "resumedOn", Thread.currentThread().getName(), "sameThread", Thread.currentThread() == handler));
        }));
        app.get("/adopt-then-block", loop(req -> req.adopt(query()).thenApply(v -> {
            sleep(300); // blocking in the continuation: the watchdog must still name this route
            return "late";
        })));
        app.get("/adopt-failure", loop(req -> req.adopt(CompletableFuture.<String>failedFuture(
                new dev.brisk.HttpException(409, "conflict")))));
        client = BriskTestClient.inProcess(app);
    }

    @AfterEach
    void stop() throws InterruptedException {
        client.close();
        driver.shutdownNow();
        driver.awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void resumesOnTheHandlersLoopThread() throws Exception {
        for (int i = 0; i < 5; i++) {
            String body = client.get("/adopt").send().text();
            assertThat(body).contains("\"completedOn\":\"driver-io\"").contains("\"sameThread\":true")
                    .matches(".*\"resumedOn\":\"brisk-loop-\\d\".*");
        }
    }

    @Test
    void failuresArriveUnwrapped() throws Exception {
        var r = client.get("/adopt-failure").send();
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.text()).isEqualTo("{\"detail\":\"conflict\"}");
    }

    @Test
    void aBlockingContinuationIsBlamedOnItsRoute() throws Exception {
        assertThat(client.get("/adopt-then-block").send().text()).isEqualTo("\"late\"");
        long deadline = System.currentTimeMillis() + 5000;
        while (stalls.stream().noneMatch(s -> "GET /adopt-then-block".equals(s.route()))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        assertThat(stalls).anySatisfy(s -> {
            assertThat(s.route()).isEqualTo("GET /adopt-then-block");
            assertThat(s.stackText()).contains("Thread.sleep");
        });
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
