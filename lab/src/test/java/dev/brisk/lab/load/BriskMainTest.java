package dev.brisk.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.brisk.lab.Main;

/** {@code brisk load} through the real {@code brisk} entry point: registered, exit codes, messages. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BriskMainTest {
    private TestServer server;
    private PrintStream savedOut;
    private PrintStream savedErr;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws InterruptedException {
        server = TestServer.start();
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void tearDown() {
        System.setOut(savedOut);
        System.setErr(savedErr);
        server.close();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void loadIsASubcommandOfBrisk() {
        assertThat(Main.run("load", "-n", "50", "-c", "2", server.url("/plaintext"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("requests    50 in ");
        assertThat(server.requests.get()).isEqualTo(50);
    }

    @Test
    void unreachableServerIsExitOneWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(Main.run("load", "http://127.0.0.1:" + port + "/")).isEqualTo(1);
        assertThat(err().strip()).isEqualTo("brisk load: cannot connect to 127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void badUsageIsExitTwo() {
        assertThat(Main.run("load", "--bogus", server.url("/"))).isEqualTo(2);
        assertThat(err()).contains("Unknown option: '--bogus'").doesNotContain("\tat ");
        err.reset();
        assertThat(Main.run("load", "-d", "1h", server.url("/"))).isEqualTo(2);
        assertThat(err().strip()).isEqualTo("brisk load: duration must be more than 0 and at most 10m, got 1h");
    }
}
