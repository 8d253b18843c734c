package dev.brisk.lab.load;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The load client against a real Brisk app: exact counts, sane percentiles, refusals counted. */
class LoadAgainstBriskTest {

    @Test
    void countsAreExactAndPercentilesConsistent() {
        AtomicLong served = new AtomicLong();
        Brisk app = Brisk.create(new BriskConfig().port(0).loops(1).accessLog(false));
        app.get("/plaintext", loopSafe(req -> {
            served.incrementAndGet();
            return Response.text("Hello, World!");
        }));
        app.get("/slow", worker(req -> {
            Thread.sleep(20);
            return "ok";
        }));
        app.start();
        try {
            LoadResult fast = LoadRun.run(LoadSpec.builder(app.url() + "/plaintext").connections(8).requests(3000).build());
            assertThat(fast.requests()).isEqualTo(3000);
            assertThat(served.get()).isEqualTo(3000);
            assertThat(fast.status(200)).isEqualTo(3000);
            assertThat(fast.errorCount()).isZero();
            assertThat(fast.p50Millis()).isLessThanOrEqualTo(fast.p90Millis());
            assertThat(fast.p90Millis()).isLessThanOrEqualTo(fast.p99Millis());
            assertThat(fast.p99Millis()).isLessThanOrEqualTo(fast.maxMillis());

            LoadResult slow = LoadRun.run(LoadSpec.builder(app.url() + "/slow").connections(4).requests(40).build());
            assertThat(slow.status(200)).isEqualTo(40);
            assertThat(slow.p50Millis()).isGreaterThanOrEqualTo(20.0);
        } finally {
            app.stop();
        }
    }

    @Test
    void refusalsAreCountedAsStatuses() {
        Brisk app = Brisk.create(new BriskConfig().port(0).loops(1).accessLog(false).inFlightLimit(2));
        app.get("/slow", worker(req -> {
            Thread.sleep(50);
            return "ok";
        }));
        app.start();
        try {
            LoadResult r = LoadRun.run(LoadSpec.builder(app.url() + "/slow").connections(10).duration(Duration.ofSeconds(1)).build());
            assertThat(r.status(503)).as("503s from the in-flight limit").isPositive();
            assertThat(r.status(200)).isPositive();
            assertThat(r.status(503) + r.status(200)).isEqualTo(r.requests());
            assertThat(r.ok()).isFalse();
            assertThat(app.refused()).as("the server counted every refusal the client saw").isGreaterThanOrEqualTo(r.status(503));
        } finally {
            app.stop();
        }
    }
}
