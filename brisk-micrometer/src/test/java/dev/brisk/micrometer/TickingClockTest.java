package dev.brisk.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registry's ticking wall clock: never ahead of the real one, at most a tick (plus scheduling) behind, and moving. */
class TickingClockTest {
    private final TickingClock clock = TickingClock.INSTANCE;

    @Test
    void wallTimeFollowsTheSystemClockWithinATick() throws InterruptedException {
        long first = clock.wallTime();
        for (int i = 0; i < 20; i++) {
            long before = System.currentTimeMillis();
            long seen = clock.wallTime();
            long after = System.currentTimeMillis();
            assertThat(seen).isLessThanOrEqualTo(after);
            // a tick, plus a generous allowance for the ticking thread being descheduled on a busy machine
            assertThat(seen).isGreaterThanOrEqualTo(before - TickingClock.TICK_MILLIS - 2_000);
            Thread.sleep(TickingClock.TICK_MILLIS / 20);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clock.wallTime() < first + 2 * TickingClock.TICK_MILLIS && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(clock.wallTime()).as("the wall time moves on").isGreaterThanOrEqualTo(first + 2 * TickingClock.TICK_MILLIS);
    }

    @Test
    void durationsStayExact() {
        long before = System.nanoTime();
        long seen = clock.monotonicTime();
        assertThat(seen).isBetween(before, System.nanoTime());
    }

    @Test
    void thePrometheusRegistryRunsOnIt() {
        PrometheusMeterRegistry registry = (PrometheusMeterRegistry) BriskMetrics.prometheus().registry();
        assertThat(registry.config().clock()).isSameAs(clock);
        Timer timer = Timer.builder("t").register(registry);
        timer.record(7, TimeUnit.MILLISECONDS);
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(7.0);
    }
}
