package dev.brisk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code benchmarks/profile}, run for real (short) against the raw Netty server, async-profiler attached. */
class ProfileScriptTest {
    private static ScriptRun profile(Path out, String path) throws IOException, InterruptedException {
        return ScriptRun.of(List.of("./profile", "--server", ScriptRun.RAW_NETTY, "--path", path, "--rate", "1000",
                "--conns", "8", "--warm", "1", "--seconds", "2", "--key", "io/netty", "--key", "no/such/frame",
                "--thread", "raw-netty-loop", "--top", "5", "--out", out.toString()));
    }

    @Test
    void samplesTheServerAtTheRateAndTotalsTheKeys(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("stacks.collapsed");
        ScriptRun r = profile(out, "/plaintext");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).containsPattern("# /plaintext at 1000 req/s for 2 s: [0-9.]+ µs/req CPU")
                .contains("## threads").contains("[raw-netty-loop-#-# tid=#]").contains("## most self samples");
        // every stack the loop thread was sampled in runs Netty's code; no frame is called no/such/frame
        Matcher netty = Pattern.compile("([0-9.]+) % / +([0-9.]+) %  io/netty").matcher(r.output());
        assertThat(netty.find()).as(r.output()).isTrue();
        assertThat(Double.parseDouble(netty.group(2))).isGreaterThan(90.0);
        assertThat(r.output()).containsPattern("0\\.00 % / +0\\.00 %  no/such/frame");
        List<String> stacks = Files.readAllLines(out);
        assertThat(stacks).isNotEmpty().allMatch(l -> l.matches("\\S.* [0-9]+"));
        assertThat(stacks).anyMatch(l -> l.startsWith("[raw-netty-loop-") && l.contains("io/netty/"));
        assertThat(ScriptRun.rawNettyLeft()).as("server stopped").isFalse();
    }

    @Test
    void refusesAProfileOfFailingRequests(@TempDir Path dir) throws Exception {
        profile(dir.resolve("stacks.collapsed"), "/no-such-route").assertRefusedFailingRequests(dir.resolve("stacks.collapsed"));
    }
}
