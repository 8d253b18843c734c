package dev.brisk.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed app's {@code /ws/echo} (loop lane) and {@code /ws/echo-sync} (worker lane) against real
 * clients: Python's websockets library (permessage-deflate, bursts, pings, fragments, 1009 on an
 * oversized message, 50 concurrent sockets) and headless Chromium (a page's {@code new WebSocket}).
 * Each is skipped, with the reason, where its client is not installed.
 */
class SeedWebSocketTest {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static Brisk app;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        app = SeedApp.create(new BriskConfig().host("127.0.0.1").port(0).loops(1).accessLog(false), SeedOptions.defaults());
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void pythonWebsocketsClient() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import websockets").exit == 0,
                "Python's websockets library not installed (apt-get install -y python3-websockets): skipped");
        Result r = run(PYTHON.toString(), Path.of("src/test/python/ws_clients.py").toAbsolutePath().toString(),
                "ws://127.0.0.1:" + app.port());
        assertThat(r.output).as(r.output).contains("/ws/echo: echo, deflate, burst, ping, fragments OK",
                "/ws/echo-sync: 2 MiB message closed with 1009 OK", "/ws/echo-sync: 50 concurrent sockets OK", "OK");
        assertThat(r.exit).as(r.output).isZero();
    }

    @Test
    void chromiumPage() throws Exception {
        assumeTrue(Files.isExecutable(dev.brisk.examples.openapi.NodeToolsAccess.CHROMIUM),
                "Chromium not installed (apt-get install -y chromium): browser test skipped");
        Path tools = dev.brisk.examples.openapi.NodeToolsAccess.playwright();
        Result r = run("node", Path.of("src/test/js/ws-browser.js").toAbsolutePath().toString(), tools.toString(),
                app.url(), tmp.resolve("chromium-profile").toString());
        assertThat(r.output).as(r.output).contains("/ws/echo: browser echo OK (permessage-deflate",
                "/ws/echo-sync: browser echo OK", "OK");
        assertThat(r.exit).as(r.output).isZero();
    }

    record Result(int exit, String output) {}

    private Result run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out:\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
