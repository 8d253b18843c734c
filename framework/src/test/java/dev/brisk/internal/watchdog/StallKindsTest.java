package dev.brisk.internal.watchdog;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import dev.brisk.watchdog.Stall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watchdog says what kind of stall it saw (blocked, busy, paused, starved) and blames a route only
 * when the route's code caused it, against a real running app.
 */
class StallKindsTest {
    private final List<Stall> stalls = new CopyOnWriteArrayList<>();
    private final List<Long> reportedAt = new CopyOnWriteArrayList<>();
    private final AtomicLong sleepStarted = new AtomicLong();
    private static volatile long sink;
    private Brisk app;
    private BriskTestClient client;

    @BeforeEach
    void start() {
        app = Brisk.create(BriskTestClient.testConfig().loops(1).blockThreshold(Duration.ofMillis(100)).onStall(s -> {
            reportedAt.add(System.nanoTime());
            stalls.add(s);
        }));
        app.get("/sleepy", loop(req -> {
            sleepStarted.set(System.nanoTime());
            Thread.sleep(150);
            return CompletableFuture.completedFuture("woke");
        }));
        app.get("/spin", loop(req -> {
            long end = System.nanoTime() + Duration.ofMillis(400).toNanos();
            long x = 0;
            while (System.nanoTime() < end) x += Long.numberOfTrailingZeros(x + System.nanoTime());
            sink = x;
            return CompletableFuture.completedFuture("spun");
        }));
        app.get("/json", loopSafe(req -> java.util.Map.of("message", "Hello, World!")));
        app.get("/read", loop(req -> {
            // a blocking socket read on the loop (what JDBC does): a peer that accepts and never answers
            try (var server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                 var socket = new java.net.Socket(server.getInetAddress(), server.getLocalPort())) {
                socket.setSoTimeout(300);
                socket.getInputStream().read();
            } catch (java.net.SocketTimeoutException expected) {
                // the peer never sent anything
            }
            return CompletableFuture.completedFuture("read");
        }));
        app.get("/garbage", worker(req -> {
            // allocation-heavy work on the worker lane: young collections pause every thread, loops included
            long total = 0;
            for (int i = 0; i < 400; i++) {
                List<byte[]> keep = new ArrayList<>();
                for (int j = 0; j < 64; j++) keep.add(new byte[64 * 1024]);
                total += keep.size();
            }
            return Response.text(Long.toString(total));
        }));
        client = BriskTestClient.start(app);
    }

    @AfterEach
    void stop() {
        client.close();
    }

    private Stall await(java.util.function.Predicate<Stall> p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (Stall s : stalls) if (p.test(s)) return s;
            Thread.sleep(5);
        }
        throw new AssertionError("no such stall; saw " + stalls.stream().map(s -> s.summary() + "\n" + s.stackText()).toList());
    }

    @Test
    void aSleepOnTheLoopIsBlockedInThreadSleepWithItsRouteWithin250ms() throws Exception {
        assertThat(client.get("/sleepy").send().text()).isEqualTo("\"woke\"");
        Stall s = await(x -> "GET /sleepy".equals(x.route()));
        assertThat(s.cause()).isEqualTo(Stall.Cause.BLOCKED);
        assertThat(s.call()).isEqualTo("java.lang.Thread.sleep");
        assertThat(s.summary()).contains("blocked for").contains("by GET /sleepy").contains("in java.lang.Thread.sleep");
        long reportedAfterMs = (reportedAt.get(stalls.indexOf(s)) - sleepStarted.get()) / 1_000_000;
        assertThat(reportedAfterMs).as("reported %d ms after the sleep began", reportedAfterMs).isLessThan(250);
    }

    @Test
    void aBlockingSocketReadOnTheLoopIsBlockedWithItsRoute() throws Exception {
        // a thread in a socket read is RUNNABLE to Java and uses no CPU, like a starved one: the stack
        // (sun.nio.ch.Net.poll under the route's code) tells them apart
        assertThat(client.get("/read").send().text()).isEqualTo("\"read\"");
        Stall s = await(x -> "GET /read".equals(x.route()));
        assertThat(s.cause()).as(s.summary()).isEqualTo(Stall.Cause.BLOCKED);
        assertThat(s.summary()).contains("blocked for").contains("by GET /read");
    }

    @Test
    void aCpuLoopOnTheLoopIsBusyWithItsRoute() throws Exception {
        assertThat(client.get("/spin").send().text()).isEqualTo("\"spun\"");
        Stall s = await(x -> "GET /spin".equals(x.route()));
        assertThat(s.cause()).isEqualTo(Stall.Cause.BUSY);
        assertThat(s.summary()).contains("busy for").contains("by GET /spin");
        assertThat(s.stackText()).contains("StallKindsTest");
    }

    @Test
    void noRouteIsBlamedWhileTheWorkerLaneMakesGarbage() throws Exception {
        long gcBefore = StallClassifier.gcPauseMillis();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<Future<TestResponse>> garbage = new ArrayList<>();
            for (int i = 0; i < 6; i++) garbage.add(pool.submit(() -> client.get("/garbage").send()));
            int served = 0;
            while (garbage.stream().anyMatch(f -> !f.isDone())) {
                assertThat(client.get("/json").send().status()).isEqualTo(200);
                served++;
            }
            for (Future<TestResponse> f : garbage) assertThat(f.get().status()).isEqualTo(200);
            assertThat(served).isPositive();
        }
        assertThat(StallClassifier.gcPauseMillis()).as("the run collected garbage").isGreaterThan(gcBefore);
        Thread.sleep(200); // a stall ending now is reported from its own thread
        // Loop routes answered in microseconds: any stall in this run is a GC pause or the loaded machine,
        // and must not name GET /json (the route running when a pause hit).
        assertThat(stalls).as(stalls.stream().map(Stall::summary).toList().toString())
                .noneMatch(s -> s.route() != null);
    }
}
