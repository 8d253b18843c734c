package dev.brisk.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.testing.BriskTestClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * An idle server, after its first requests, reports no stall caused by code: the allocator's warm-up
 * happens before the server accepts, and an idle loop only waits for I/O. CI runs 12 s (the heartbeat
 * ticks every 25 ms, so that is 480 checks per loop, and the first-request stall, which this test was
 * written for, happens in the first second); {@code -Dbrisk.idleSeconds=60} runs the full minute:
 * {@code mvn -pl framework -am -Dtest=IdleStallsTest -Dbrisk.idleSeconds=60 -Dsurefire.failIfNoSpecifiedTests=false verify}.
 */
class IdleStallsTest {
    private static String describe(List<Stall> stalls) {
        return stalls.stream().map(s -> s.summary() + "\n" + s.stackText()).toList().toString();
    }

    @Test
    void noStallsWhileIdle() throws Exception {
        List<Stall> stalls = new CopyOnWriteArrayList<>();
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(2).blockThreshold(Duration.ofMillis(100)).onStall(stalls::add));
        app.get("/ping", dev.brisk.Handler.loopSafe(req -> java.util.Map.of("pong", true)));
        BriskTestClient client = BriskTestClient.start(app);
        try {
            // the first requests on each loop: where the allocator's first-use stall used to happen
            for (int i = 0; i < 4; i++) assertThat(client.get("/ping").send().status()).isEqualTo(200);
            Thread.sleep(300); // a stall ending now is reported from its own thread
            // First use of code still loads classes (Jackson, Brisk's encoders): on a loaded machine that may
            // take a loop past the threshold, but it is nobody's route to blame.
            assertThat(stalls).as(describe(stalls)).noneMatch(s -> s.route() != null);
            stalls.clear();
            long seconds = Long.getLong("brisk.idleSeconds", 12);
            Thread.sleep(Duration.ofSeconds(seconds));
            assertThat(stalls).as(describe(stalls))
                    .noneMatch(Stall::codeCaused)
                    .noneMatch(s -> s.route() != null);
            // Starved or paused stalls are the machine's or the JVM's doing; on an idle, unloaded machine
            // there are none. Shown, not asserted: CI machines are shared.
            System.out.println("idle " + seconds + " s: " + stalls.size() + " stall(s) not caused by code: "
                    + stalls.stream().map(Stall::summary).toList());
        } finally {
            client.close();
        }
    }
}
