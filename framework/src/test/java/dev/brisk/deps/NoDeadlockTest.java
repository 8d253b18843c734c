package dev.brisk.deps;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.WorkerMode;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * fastapi#3205: a session pool the size of the worker pool, sessions handed out by a dependency and
 * returned by its cleanup. In FastAPI the cleanup needed a thread-pool token, so once every token was
 * held by a request waiting for a session, nothing could return one: the server hung. Brisk's cleanup
 * runs on its own virtual thread and never waits for a worker.
 */
class NoDeadlockTest {

    @Test
    void cleanupNeverWaitsForAWorkerOnASaturatedPool() throws Exception {
        Semaphore sessions = new Semaphore(2);
        List<String> cleanupThreads = new CopyOnWriteArrayList<>();
        Provider<String> session = scope -> {
            // blocking acquire on a worker thread, as a JDBC pool would; bounded so a regression fails instead of hanging
            if (!sessions.tryAcquire(10, TimeUnit.SECONDS)) throw new HttpException(503, "no session: deadlock");
            scope.onClose(() -> {
                Thread.sleep(20); // closing a session takes a moment, as a real one would
                cleanupThreads.add(Thread.currentThread().getName());
                sessions.release();
            });
            return "session";
        };
        Brisk app = Brisk.create(new BriskConfig().loops(1).worker(WorkerMode.pool(2)));
        app.get("/work", worker(req -> {
            Dependencies.resolve(req, session);
            Thread.sleep(30);
            return Map.of("ok", true);
        }));
        int n = 8;
        try (BriskTestClient client = BriskTestClient.start(app)) {
            long start = System.nanoTime();
            List<CompletableFuture<TestResponse>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) calls.add(CompletableFuture.supplyAsync(() -> client.get("/work").send()));
            for (CompletableFuture<TestResponse> c : calls) c.get(30, TimeUnit.SECONDS).assertStatus(200).assertJson("ok", true);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).isLessThan(10_000); // far below the 10 s acquire limit a deadlock would hit
        }
        // the last cleanups may still be running when the last answer arrives
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> cleanupThreads.size() == n);
        assertThat(cleanupThreads).allMatch(t -> t.startsWith("brisk-cleanup"));
        assertThat(sessions.availablePermits()).isEqualTo(2);
    }
}
