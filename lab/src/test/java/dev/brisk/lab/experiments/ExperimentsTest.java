package dev.brisk.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every experiment at tiny scale, against real in-process servers: the FastAPI-parity setting must
 * reproduce what the seed saw, and Brisk's default must do better. Margins are generous (ratios, not
 * absolute times) so a busy machine does not flip a verdict.
 */
class ExperimentsTest {
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final Lab lab = new Lab(Scale.tiny(), null, new PrintStream(progress, true));

    @Test
    void e1AsyncRunsOnOneLoopThreadAndTheRequestsBehindTheSleeperWait() {
        Outcome o = new E1Blocking().run(lab);

        assertThat(o.error()).isNull();
        assertThat(o.reproduces()).as("parity reproduces seed 000: %s", o.section().findings()).isTrue();
        assertThat(o.better()).as("default does better: %s", o.section().findings()).isTrue();
        List<String> parityAsync = row(o, "parity", "GET /async");
        assertThat(parityAsync.get(2)).as("threads serving /async in parity").isEqualTo("1");
        assertThat(parityAsync.get(3)).startsWith("brisk-loop-");
        assertThat(parityAsync.get(6)).contains("blocked for").contains("by GET /async");
        List<String> paritySync = row(o, "parity", "GET /sync");
        assertThat(Integer.parseInt(paritySync.get(2))).as("threads serving /sync").isGreaterThan(1);
        assertThat(paritySync.get(4)).isEqualTo("0 of 9");
        assertThat(row(o, "default", "GET /sync").get(3)).startsWith("brisk-vworker-");
        assertThat(o.section().charts()).hasSize(4);
        // grouped by route: parity /sync, default /sync, parity /async, default /async
        assertThat(o.section().charts().get(2).title()).startsWith("parity (").endsWith("GET /async");
        assertThat(o.section().charts().get(2).bars()).hasSize(10)
                .allSatisfy(b -> assertThat(b.key()).isEqualTo(parityAsync.get(3)));
        assertThat(progress.toString()).contains("E1 parity: 10 x GET /async");
    }

    @Test
    void e2AsyncFastestSyncInRoundsOf40AndAsyncSyncTimesOut() {
        Outcome o = new E2Upstream().run(lab);

        assertThat(o.error()).isNull();
        assertThat(o.reproduces()).as("parity reproduces seed 001: %s", o.section().rows()).isTrue();
        assertThat(o.better()).as("default: sync on virtual threads keeps up: %s", o.section().rows()).isTrue();
        assertThat(Integer.parseInt(row(o, "parity", "GET /http/async/sync").get(3))).as("timeouts").isGreaterThan(50);
        assertThat(row(o, "default", "GET /http/sync").get(2)).isEqualTo("100/100");
    }

    @Test
    void e3InlineCpuFreezesPingAndOffloadKeepsItFast() {
        Outcome o = new E3Cpu().run(lab);

        assertThat(o.error()).isNull();
        assertThat(o.reproduces()).as("parity reproduces seed 002: %s", o.section().rows() + "" + o.section().findings()).isTrue();
        assertThat(o.better()).as("offload keeps /ping fast and the watchdog names /cpu/inline: %s", o.section().rows() + "" + o.section().findings())
                .isTrue();
        assertThat(o.section().findings()).anySatisfy(f -> assertThat(f).contains("stalls by GET /cpu/inline"));
    }

    @Test
    void e4ThreadPoolTimeShrinksWithPoolSizeAndVirtualThreadsNeedNoTuning() {
        Outcome o = new E4Client().run(lab);

        assertThat(o.error()).isNull();
        assertThat(o.reproduces()).as("pool sweep reproduces seed 003: %s", o.section().rows()).isTrue();
        assertThat(o.better()).as("virtual threads match the best pool: %s", o.section().rows()).isTrue();
        assertThat(o.section().rows()).extracting(r -> r.get(0))
                .containsExactly("ThreadPool(max_workers=1)", "ThreadPool(max_workers=10)", "ThreadPool(max_workers=40)",
                        "async (HttpClient.sendAsync)", "virtual thread per download");
    }

    @Test
    void e5ParityPoolTakesThreeSleepsAndVirtualThreadsOne() {
        Outcome o = new E5Sleepers().run(lab);

        assertThat(o.error()).isNull();
        double paritySync = Double.parseDouble(row(o, "parity", "GET /sync-test/{i}").get(4));
        double defaultSync = Double.parseDouble(row(o, "default", "GET /sync-test/{i}").get(4));
        double parityLoop = Double.parseDouble(row(o, "parity", "GET /asyncio-test/{i}").get(4));
        assertThat(paritySync).as("100 sleepers on 40 pooled threads: 3 waves").isGreaterThanOrEqualTo(2);
        assertThat(defaultSync).as("100 sleepers on virtual threads: 1 wave").isLessThanOrEqualTo(1.8);
        assertThat(parityLoop).as("timer sleeps on the loop: 1 wave").isLessThanOrEqualTo(1.8);
        assertThat(o.reproduces()).as("%s", o.section().rows()).isTrue();
        assertThat(o.better()).as("%s", o.section().rows()).isTrue();
    }

    private static List<String> row(Outcome o, String setting, String route) {
        return o.section().rows().stream().filter(r -> r.get(0).equals(setting) && r.get(1).equals(route)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + setting + " " + route + " in " + o.section().rows()));
    }
}
