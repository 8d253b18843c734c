package dev.brisk.lab.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code brisk} run as a user runs it: a separate JVM with its own environment (real BRISK_* variables),
 * output captured to a file, stopped with SIGTERM. Uses the test's own classpath, which holds the lab.
 */
final class ChildBrisk implements AutoCloseable {
    final Process process;
    final Path log;

    private ChildBrisk(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ChildBrisk start(Path workDir, Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.brisk.lab.Main"));
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("brisk-child", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BRISK_"));
        pb.environment().putAll(env);
        return new ChildBrisk(pb.start(), log);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Waits until the output contains {@code text}; fails with the output if the process exits or time runs out. */
    void awaitOutput(String text, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) throw new AssertionError("brisk exited (" + process.exitValue() + "):\n" + output());
            if (System.nanoTime() > end) throw new AssertionError("no '" + text + "' within " + timeout + ":\n" + output());
            Thread.sleep(50);
        }
    }

    static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    /** SIGTERM, as a container runtime or Ctrl+C sends it; returns the exit code. */
    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        Files.deleteIfExists(log);
    }
}
