package dev.brisk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A benchmarks/ script run for real against the raw Netty server started by the test's own JVM. */
record ScriptRun(int exit, String output) {
    static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    static final String RAW_NETTY = JAVA + " -cp " + System.getProperty("java.class.path")
            + " dev.brisk.bench.RawNettyServer --port {port}";

    static ScriptRun of(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        return new ScriptRun(p.exitValue(), text);
    }

    /** The script refused a path whose requests fail: non-zero exit, the reason, no output file, no server left. */
    void assertRefusedFailingRequests(Path notWritten) {
        assertThat(exit).as(output).isNotZero();
        assertThat(output).contains("every request must succeed with a 2xx");
        assertThat(notWritten).doesNotExist();
        assertThat(rawNettyLeft()).as("server stopped").isFalse();
    }

    /** Whether a raw Netty server the script started is still running. */
    static boolean rawNettyLeft() {
        String cmd = RAW_NETTY.replace("{port}", "");
        return ProcessHandle.allProcesses().anyMatch(h -> h.info().commandLine().orElse("").contains(cmd));
    }
}
