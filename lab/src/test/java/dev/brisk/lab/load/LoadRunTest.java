package dev.brisk.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.netty.buffer.PooledByteBufAllocator;

/** The engine against a real server on 127.0.0.1: counts, latencies, statuses, errors, rates. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadRunTest extends WithTestServer {

    private LoadSpec.Builder spec(String path) {
        return LoadSpec.builder(server.url(path)).timeout(Duration.ofSeconds(5));
    }

    @Test
    void requestCountIsExactAndMatchesTheServer() {
        LoadResult r = LoadRun.run(spec("/plaintext").connections(4).requests(1000).build());

        assertThat(r.requests()).isEqualTo(1000);
        assertThat(server.requests.get()).isEqualTo(1000);
        assertThat(r.status(200)).isEqualTo(1000);
        assertThat(r.errorCount()).isZero();
        assertThat(r.unfinished()).isZero();
        assertThat(r.ok()).isTrue();
        assertThat(r.failure()).isNull();
        assertThat(r.latency().getTotalCount()).isEqualTo(1000);
        assertThat(r.bytesRead()).isGreaterThan(1000L * 13);
        assertThat(r.bytesWritten()).isGreaterThan(1000L * 20);
        assertThat(server.connections.get()).as("keep-alive: no reconnects").isEqualTo(4);
    }

    @Test
    void countIsExactWithThreadsAndPipelining() {
        LoadResult r = LoadRun.run(spec("/plaintext").connections(8).threads(2).pipeline(4).requests(2000).build());

        assertThat(r.requests()).isEqualTo(2000);
        assertThat(server.requests.get()).isEqualTo(2000);
        assertThat(r.errorCount()).isZero();
        assertThat(r.threads()).isEqualTo(2);
    }

    @Test
    void percentilesAreOrderedAndReflectASlowServer() {
        LoadResult r = LoadRun.run(spec("/sleep?ms=20").connections(4).requests(40).build());

        assertThat(r.requests()).isEqualTo(40);
        assertThat(r.minMillis()).isGreaterThanOrEqualTo(19.9);
        assertThat(r.p50Millis()).isGreaterThanOrEqualTo(20.0);
        assertThat(r.p50Millis()).isLessThanOrEqualTo(r.p90Millis());
        assertThat(r.p90Millis()).isLessThanOrEqualTo(r.p99Millis());
        assertThat(r.p99Millis()).isLessThanOrEqualTo(r.p999Millis());
        assertThat(r.p999Millis()).isLessThanOrEqualTo(r.maxMillis());
        assertThat(r.p50Millis()).as("generous upper bound").isLessThan(2_000);
    }

    @Test
    void statusCodesAreCountedExactly() {
        LoadResult r = LoadRun.run(spec("/flaky?every=2").connections(3).requests(100).build());

        assertThat(r.requests()).isEqualTo(100);
        assertThat(r.status(503)).isEqualTo(50);
        assertThat(r.status(200)).isEqualTo(50);
        assertThat(r.statusClass(5)).isEqualTo(50);
        assertThat(r.statusClass(2)).isEqualTo(50);
        assertThat(r.errorCount()).isZero();
        assertThat(r.ok()).isFalse();
        assertThat(Report.problem(r)).contains("50 of 100").contains("503: 50");
    }

    @Test
    void refusedConnectionsEndTheRunWithAReason() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        LoadResult r = LoadRun.run(LoadSpec.builder("http://127.0.0.1:" + port + "/").connections(3).build());

        assertThat(r.failure()).isEqualTo("cannot connect to 127.0.0.1:" + port + " (connection refused)");
        assertThat(r.errors(ErrorKind.CONNECT_REFUSED)).isGreaterThanOrEqualTo(3);
        assertThat(r.requests()).isZero();
        assertThat(r.ok()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("fails fast").isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aServerClosingMidResponseCountsClosedEarly() {
        LoadResult r = LoadRun.run(spec("/cut").connections(2).requests(20).build());

        assertThat(r.errors(ErrorKind.CLOSED_EARLY)).isEqualTo(20);
        assertThat(r.requests()).isZero();
        assertThat(server.requests.get()).isEqualTo(20);
        assertThat(r.failure()).isNull();
    }

    @Test
    void garbageIsCountedAsMalformed() {
        LoadResult r = LoadRun.run(spec("/garbage").connections(2).requests(10).build());

        assertThat(r.errors(ErrorKind.MALFORMED)).isEqualTo(10);
        assertThat(r.requests()).isZero();
        assertThat(r.requestErrors()).isEqualTo(10);
    }

    @Test
    void unansweredRequestsTimeOut() {
        LoadResult r = LoadRun.run(spec("/hang").connections(2).requests(4).timeout(Duration.ofMillis(500)).build());

        assertThat(r.errors(ErrorKind.TIMEOUT)).isEqualTo(4);
        assertThat(r.requests()).isZero();
        assertThat(server.requests.get()).isEqualTo(4);
    }

    @Test
    void connectionCloseMeansReconnect() {
        LoadResult r = LoadRun.run(spec("/close").connections(2).requests(50).build());

        assertThat(r.requests()).isEqualTo(50);
        assertThat(r.errorCount()).isZero();
        assertThat(r.reconnects()).isBetween(48L, 50L);
        assertThat(server.connections.get()).isBetween(50L, 52L);
    }

    @Test
    void durationBoundsAClosedLoop() {
        LoadResult r = LoadRun.run(spec("/plaintext").connections(2).duration(Duration.ofMillis(500)).build());

        assertThat(r.requests()).isPositive();
        assertThat(r.elapsed()).isBetween(Duration.ofMillis(500), Duration.ofMillis(5_000));
        assertThat(r.errorCount()).isZero();
        assertThat(server.requests.get()).isGreaterThanOrEqualTo(r.requests());
    }

    @Test
    void openLoopHonoursTheRate() {
        LoadResult r = LoadRun.run(spec("/plaintext").connections(4).rate(200).duration(Duration.ofSeconds(2)).build());

        // 400 due in the window: a busy machine may lag behind, the client never runs ahead.
        assertThat(r.requests()).isBetween(200L, 400L);
        assertThat(r.openLoop()).isTrue();
        assertThat(r.errorCount()).isZero();
    }

    @Test
    void openLoopLatencyCountsTheQueueingAServerCauses() {
        // One connection, 50 ms per answer (20/s) but 100/s asked: requests fall behind their
        // schedule, and latency from the intended send time grows far past the 50 ms service time.
        LoadResult r = LoadRun.run(spec("/sleep?ms=50").connections(1).rate(100).duration(Duration.ofSeconds(1)).build());

        assertThat(r.requests()).isPositive();
        assertThat(r.minMillis()).isGreaterThanOrEqualTo(49.0);
        assertThat(r.maxMillis()).isGreaterThan(300.0);
    }

    @Test
    void warmupIsNotMeasured() {
        LoadResult r = LoadRun.run(spec("/plaintext").connections(2).requests(100).warmup(Duration.ofMillis(300)).build());

        assertThat(r.requests()).isEqualTo(100);
        assertThat(server.requests.get()).isGreaterThan(100);
        assertThat(r.latency().getTotalCount()).isEqualTo(100);
    }

    @Test
    void severalUrlsAreRotated() {
        LoadResult r = LoadRun.run(LoadSpec.builder(server.url("/plaintext"), server.url("/status?code=404"))
                .connections(1).requests(10).build());

        assertThat(r.status(200)).isEqualTo(5);
        assertThat(r.status(404)).isEqualTo(5);
    }

    @Test
    void methodHeadersAndBodyAreSent() {
        LoadResult r = LoadRun.run(spec("/echo?x=1").method("POST").header("X-Test: yes")
                .header("Content-Type", "application/json").body("{\"a\":1}").connections(1).requests(3).build());

        assertThat(r.requests()).isEqualTo(3);
        assertThat(server.lastEcho).isEqualTo("POST /echo?x=1|yes|application/json|{\"a\":1}");
    }

    @Test
    void headAnswersHaveNoBody() {
        LoadResult r = LoadRun.run(spec("/plaintext").method("HEAD").connections(2).requests(20)
                .timeout(Duration.ofSeconds(2)).build());

        assertThat(r.requests()).isEqualTo(20);
        assertThat(r.errorCount()).isZero();
    }

    @Test
    void aServerDyingMidRunLeavesPartialResultsAndAReason() throws Exception {
        CompletableFuture<LoadResult> run = CompletableFuture.supplyAsync(() -> LoadRun.run(
                spec("/sleep?ms=5").connections(4).duration(Duration.ofSeconds(20)).build()));
        long t0 = System.nanoTime();
        while (server.requests.get() < 20 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(10);
        }
        server.close();
        LoadResult r = run.get(30, TimeUnit.SECONDS);

        assertThat(r.requests()).isPositive();
        assertThat(r.failure()).startsWith("no connection to the server").contains("connection refused");
        assertThat(r.errors(ErrorKind.CONNECT_REFUSED)).isPositive();
        assertThat(r.elapsed()).as("gave up long before the 20 s bound").isLessThan(Duration.ofSeconds(15));
        assertThat(r.ok()).isFalse();
    }

    @Test
    void aBodyDelimitedByCloseIsAnAnswerNotAnError() {
        LoadResult r = LoadRun.run(spec("/until-close").connections(2).requests(20).build());

        assertThat(r.requests()).isEqualTo(20);
        assertThat(r.errorCount()).isZero();
        assertThat(r.reconnects()).isBetween(18L, 20L);
    }

    @Test
    void stopEndsARunEarlyWithItsMeasurements() throws Exception {
        LoadRun run = LoadRun.prepare(spec("/plaintext").connections(2).duration(Duration.ofSeconds(30)).build());
        CompletableFuture<LoadResult> result = CompletableFuture.supplyAsync(run::run);
        long t0 = System.nanoTime();
        while (server.requests.get() < 20 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(10);
        }
        run.stop();
        LoadResult r = result.get(10, TimeUnit.SECONDS);

        assertThat(r.requests()).isPositive();
        assertThat(r.failure()).isNull();
        assertThat(r.errorCount()).isZero();
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(20));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(run::run)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void leakWatchSeesALeak() throws Exception {
        LeakWatch.install();
        PooledByteBufAllocator.DEFAULT.directBuffer(64).writeInt(42); // dropped on purpose
        long t0 = System.nanoTime();
        while (LeakWatch.LEAKS.isEmpty() && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
            LeakWatch.poke();
        }
        assertThat(LeakWatch.LEAKS).isNotEmpty();
        LeakWatch.LEAKS.clear();
    }
}
