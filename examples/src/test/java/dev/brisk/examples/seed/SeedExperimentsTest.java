package dev.brisk.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.WorkerMode;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The seed experiments, scaled down, as assertions on observable outcomes. Timings are compared as
 * ratios with generous margins so a loaded machine cannot flake them.
 */
class SeedExperimentsTest {
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");
    private static final Pattern THREAD = Pattern.compile("\"thread_name\":\"([^\"]+)\"");
    private Brisk app;
    private BriskTestClient client;

    @AfterEach
    void stop() {
        if (client != null) client.close();
    }

    private void start(BriskConfig config, SeedOptions options) {
        app = SeedApp.create(config.host("127.0.0.1").port(0).accessLog(false).blockThreshold(java.time.Duration.ZERO),
                options);
        client = BriskTestClient.start(app);   // real connections, as the experiments' load generator makes
    }

    private CompletableFuture<TestResponse> sendAsync(String path) {
        return client.get(path).timeout(java.time.Duration.ofSeconds(60)).sendAsync();
    }

    /** A finished request: body and milliseconds from the burst's start. */
    private record Timed(String body, long millis) {
        int count() {
            Matcher m = COUNT.matcher(body);
            return m.find() ? Integer.parseInt(m.group(1)) : -1;
        }

        String thread() {
            Matcher m = THREAD.matcher(body);
            return m.find() ? m.group(1) : "?";
        }
    }

    private List<Timed> burst(int n, java.util.function.IntFunction<String> path) {
        long t0 = System.nanoTime();
        List<CompletableFuture<Timed>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(sendAsync(path.apply(i)).thenApply(r -> {
                assertThat(r.status()).isEqualTo(200);
                return new Timed(r.text(), (System.nanoTime() - t0) / 1_000_000);
            }));
        }
        return all.stream().map(CompletableFuture::join).toList();
    }

    private static long slowest(List<Timed> results) {
        return results.stream().mapToLong(Timed::millis).max().orElseThrow();
    }

    @Test
    void seed000SyncRoutesDoNotWaitForTheBlockedOne() {
        start(new BriskConfig(), SeedOptions.defaults().withBlock(2.0, 5));
        List<Timed> results = burst(10, i -> "/sync");
        Timed blocked = results.stream().filter(r -> r.count() == 5).findFirst().orElseThrow();
        assertThat(blocked.body()).contains("(sleep)");
        assertThat(blocked.millis()).isGreaterThanOrEqualTo(1900);
        List<Timed> others = results.stream().filter(r -> r.count() != 5).toList();
        assertThat(others).hasSize(9).allSatisfy(r -> assertThat(r.millis()).isLessThan(blocked.millis() - 500));
        Set<String> threads = new HashSet<>();
        results.forEach(r -> threads.add(r.thread()));
        assertThat(threads).hasSizeGreaterThanOrEqualTo(2).allMatch(t -> t.startsWith("brisk-vworker-"));
    }

    @Test
    void seed000AsyncRoutesAllShareTheLoopAndQueueBehindTheBlockedOne() {
        start(new BriskConfig().loops(1), SeedOptions.defaults().withBlock(1.5, 5));
        List<Timed> results = burst(10, i -> "/async");
        assertThat(results).extracting(Timed::thread).containsOnly("brisk-loop-1");
        Timed blocked = results.stream().filter(r -> r.count() == 5).findFirst().orElseThrow();
        assertThat(blocked.millis()).isGreaterThanOrEqualTo(1400);
        // every request counted after the 5th waited for its whole block
        assertThat(results.stream().filter(r -> r.count() > 5)).hasSize(5)
                .allSatisfy(r -> assertThat(r.millis()).isGreaterThanOrEqualTo(1400));
    }

    @Test
    void seed004LoopAndVirtualThreadsFinishInAboutOneSleepThePoolInThree() {
        double s = 0.6;
        long sleepMs = (long) (s * 1000);
        start(new BriskConfig().loops(1), SeedOptions.defaults().withSleep(s));
        burst(10, i -> "/ping"); // warm up connections and code paths
        long loopLane = slowest(burst(100, i -> "/asyncio-test/" + i));
        long virtual = slowest(burst(100, i -> "/sync-test/" + i));
        client.close();
        start(new BriskConfig().loops(1).worker(WorkerMode.fastApiParity()), SeedOptions.defaults().withSleep(s));
        burst(10, i -> "/ping");
        long pool = slowest(burst(100, i -> "/sync-test/" + i));

        // No fixed upper bound (a loaded CI machine stretches every burst alike): the pool's three waves
        // against one wave are the claim, as ratios below.
        assertThat(loopLane).isGreaterThanOrEqualTo(sleepMs);
        assertThat(virtual).isGreaterThanOrEqualTo(sleepMs);
        // 100 sleepers through 40 threads: three waves, never fewer
        assertThat(pool).isGreaterThanOrEqualTo(3 * sleepMs);
        assertThat((double) pool / virtual).isGreaterThan(1.6);
        assertThat((double) pool / loopLane).isGreaterThan(1.6);
    }

    @Test
    void seed002InlineCpuWorkMakesPingWaitOffloadedDoesNot() throws Exception {
        int n = calibrateFib(400);
        start(new BriskConfig().loops(1), SeedOptions.defaults());
        burst(3, i -> "/ping");

        long[] inline = pingDuring("/cpu/inline?n=" + n);
        // ping was queued behind the computation: it answered no earlier than the CPU route
        assertThat(inline[1]).isGreaterThanOrEqualTo(inline[0] - 50);

        long[] offload = pingDuring("/cpu/offload?n=" + n);
        assertThat(offload[1]).isLessThan(offload[0]);
        assertThat(offload[1] * 2).isLessThan(offload[0]);
    }

    /** Starts {@code cpuPath}, then pings while it runs; returns {cpu finish ms, ping finish ms}. */
    private long[] pingDuring(String cpuPath) throws Exception {
        long t0 = System.nanoTime();
        var cpu = sendAsync(cpuPath).thenApply(r -> (System.nanoTime() - t0) / 1_000_000);
        while (app.inFlight() == 0) Thread.sleep(1);
        Thread.sleep(30);
        var ping = sendAsync("/ping").thenApply(r -> (System.nanoTime() - t0) / 1_000_000);
        return new long[] {cpu.get(), ping.get()};
    }

    /** The smallest Fibonacci argument that keeps this machine busy for at least {@code millis}. */
    private static int calibrateFib(long millis) {
        for (int n = 30; n < 45; n++) {
            long t0 = System.nanoTime();
            SeedApp.fib(n);
            if ((System.nanoTime() - t0) / 1_000_000 >= millis) return n;
        }
        return 45;
    }
}
