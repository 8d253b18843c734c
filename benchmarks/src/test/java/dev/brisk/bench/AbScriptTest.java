package dev.brisk.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchmarks/ab}, the paired A/B, run for real (short) against two raw Netty servers. */
class AbScriptTest {
    private static final String SERVER = ScriptRun.RAW_NETTY;

    /** ab against the raw Netty server on both sides, short slots and warm-ups, then {@code args} (the last of a flag wins). */
    private static ScriptRun ab(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("./ab", "--a", SERVER, "--b", SERVER, "--conns", "8", "--slot", "1", "--warm", "1"));
        command.addAll(List.of(args));
        return ScriptRun.of(command);
    }

    private static ScriptRun ab(Path out, String path) throws IOException, InterruptedException {
        return ab("--a-name", "left", "--b-name", "right", "--rate", "1000", "--pairs", "2", "--path", path, "--out", out.toString());
    }

    @Test
    void pairsInAlternatingOrderAndAMarkdownSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ab.md");
        ScriptRun r = ab(out, "/plaintext");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("/plaintext pair 1: A ").contains("/plaintext pair 2: A ")
                .containsPattern("/plaintext: A median [0-9.]+ µs/req .* A/B per-pair median [0-9.]+");
        String md = Files.readString(out);
        assertThat(md).contains("| path | left µs/req (system) | right µs/req (system) | A/B, median of 2 pairs |");
        var row = Pattern.compile("\\| `/plaintext` \\| ([0-9.]+) \\(([0-9.]+)\\) \\| ([0-9.]+) \\(([0-9.]+)\\) \\| \\*\\*([0-9.]+)\\*\\*")
                .matcher(md);
        assertThat(row.find()).as(md).isTrue();
        // the same server on both sides: some CPU per request each, and a ratio near one (cold JIT: generous)
        assertThat(Double.parseDouble(row.group(1))).isPositive();
        assertThat(Double.parseDouble(row.group(3))).isPositive();
        assertThat(Double.parseDouble(row.group(5))).isBetween(0.25, 4.0);
        assertThat(ScriptRun.rawNettyLeft()).as("servers stopped").isFalse();
    }

    @Test
    void poolsThePairsOfFreshPairsOfJvmsAndListsEachOnesMedian(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("ab.md");
        ScriptRun r = ab("--rate", "1000", "--pairs", "1", "--jvms", "2", "--path", "/plaintext", "--out", out.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        // each pair of JVMs is started, warmed and measured in turn
        assertThat(r.output()).contains("# JVMs 1 of 2").contains("# JVMs 2 of 2")
                .containsPattern("(?s)# JVMs 1 of 2.*/plaintext pair 1: A .*# JVMs 2 of 2.*/plaintext pair 1: A ")
                .containsPattern("A/B per-pair median [0-9.]+ \\(min [0-9.]+, max [0-9.]+\\); per pair of JVMs [0-9.]+, [0-9.]+\n");
        String md = Files.readString(out);
        assertThat(md).contains("| A/B, median of 2 pairs | min | max | median per pair of JVMs (2) |");
        var row = Pattern.compile("\\| `/plaintext` \\|.*\\| \\*\\*([0-9.]+)\\*\\* \\| ([0-9.]+) \\| ([0-9.]+) \\| ([0-9.]+), ([0-9.]+) \\|")
                .matcher(md);
        assertThat(row.find()).as(md).isTrue();
        // with one pair per pair of JVMs, each JVM pair's median is its one ratio: the min and max are those two
        double a = Double.parseDouble(row.group(4)), b = Double.parseDouble(row.group(5));
        assertThat(Double.parseDouble(row.group(2))).isEqualTo(Math.min(a, b), offset(0.0011));
        assertThat(Double.parseDouble(row.group(3))).isEqualTo(Math.max(a, b), offset(0.0011));
        assertThat(ScriptRun.rawNettyLeft()).as("servers stopped").isFalse();
    }

    @Test
    void takesAPairAgainWhenASlotMissesTheRateAndStopsWhenTheRetakesAreSpent(@TempDir Path dir) throws Exception {
        // far more than one loop answers with 8 connections here: every slot misses the rate
        Path out = dir.resolve("ab.md");
        ScriptRun r = ab("--rate", "5000000", "--pairs", "2", "--retakes", "2", "--path", "/plaintext", "--out", out.toString());
        assertThat(r.exit()).as(r.output()).isNotZero();
        assertThat(r.output()).containsPattern("/plaintext pair 1: taken again, A answered [0-9]+ of 5000000 req/s \\(1 retakes left\\)")
                .containsPattern("pair 1: taken again, A answered [0-9]+ of 5000000 req/s \\(0 retakes left\\)")
                .contains("the retakes are spent: saturated").doesNotContain("/plaintext pair 1: A ");
        assertThat(out).doesNotExist();
        assertThat(ScriptRun.rawNettyLeft()).as("servers stopped").isFalse();
    }

    @Test
    void refusesToCompareWhenRequestsFail(@TempDir Path dir) throws Exception {
        ab(dir.resolve("ab.md"), "/no-such-route").assertRefusedFailingRequests(dir.resolve("ab.md"));
    }

    @Test
    void checksEveryPathBeforeWarmingAny(@TempDir Path dir) throws Exception {
        // the failing path comes second: it stops the run before the first path's warm-up, not after its pairs
        Path out = dir.resolve("ab.md");
        ScriptRun r = ab("--rate", "1000", "--pairs", "1", "--warm", "30", "--path", "/plaintext", "--path", "/no-such-route",
                "--out", out.toString());
        r.assertRefusedFailingRequests(out);
        assertThat(r.output()).contains("ab: A /no-such-route answered 404; every request must succeed with a 2xx")
                .doesNotContain("pair 1");
    }
}
