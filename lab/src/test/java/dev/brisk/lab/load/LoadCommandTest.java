package dev.brisk.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code brisk load} as a user runs it: exit codes, one-line errors, text and JSON reports. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadCommandTest extends WithTestServer {

    record Run(int code, String out, String err) {
        String[] errLines() {
            return err.isBlank() ? new String[0] : err.strip().split("\\R");
        }
    }

    static Run load(String... args) {
        CommandLine cmd = LoadCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static void assertOneLineError(Run r, int code, String... fragments) {
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines()[0]).startsWith("load: ").contains(fragments);
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void helpListsTheOptions() {
        Run r = load("--help");

        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: load").contains("--connections").contains("--rate")
                .contains("--duration").contains("--json").contains("Examples:");
    }

    @Test
    void countedRunPrintsAReportAndExitsZero() {
        Run r = load("-n", "200", "-c", "4", server.url("/plaintext"));

        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("Running 200 requests load @ " + server.url("/plaintext"))
                .contains("4 connections, 1 thread, closed loop")
                .contains("requests    200 in ").contains("p50 ").contains("p99.9 ")
                .contains("2xx 200, 3xx 0, 4xx 0, 5xx 0  [200: 200]").contains("errors      none");
        assertThat(server.requests.get()).isEqualTo(200);
    }

    @Test
    void jsonHasTheSameFigures() {
        Run r = load("--json", "-n", "300", "-c", "3", "-t", "2", server.url("/plaintext"));

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = JsonMapper.shared().readTree(r.out());
        assertThat(j.get("requests").asLong()).isEqualTo(300);
        assertThat(j.get("threads").asInt()).isEqualTo(2);
        assertThat(j.get("mode").asString()).isEqualTo("closed");
        assertThat(j.get("status").get("2xx").asLong()).isEqualTo(300);
        assertThat(j.get("status").get("codes").get("200").asLong()).isEqualTo(300);
        assertThat(j.get("errors").get("total").asLong()).isZero();
        assertThat(j.get("ok").asBoolean()).isTrue();
        assertThat(j.get("failure").isNull()).isTrue();
        JsonNode lat = j.get("latency_ms");
        assertThat(lat.get("p50").asDouble()).isLessThanOrEqualTo(lat.get("p90").asDouble());
        assertThat(lat.get("p90").asDouble()).isLessThanOrEqualTo(lat.get("p99").asDouble());
        assertThat(lat.get("p99").asDouble()).isLessThanOrEqualTo(lat.get("max").asDouble());
        assertThat(j.get("requests_per_second").asDouble()).isPositive();
    }

    @Test
    void openLoopRunsAtTheRate() {
        Run r = load("--json", "-R", "100", "-d", "1s", "-c", "2", server.url("/plaintext"));

        assertThat(r.code()).as(r.toString()).isZero();
        JsonNode j = JsonMapper.shared().readTree(r.out());
        assertThat(j.get("mode").asString()).isEqualTo("open");
        assertThat(j.get("requests").asLong()).isBetween(50L, 100L);
        assertThat(j.get("latency_ms").get("corrected").asBoolean()).isTrue();
    }

    @Test
    void errorStatusesExitOneWithOneLine() {
        Run r = load("-n", "40", "-c", "2", server.url("/flaky?every=4"));

        assertOneLineError(r, 1, "10 of 40 responses were not 2xx/3xx (503: 10)");
        assertThat(r.out()).contains("5xx 10").contains("503: 10");
    }

    @Test
    void garbageExitsOneWithOneLine() {
        Run r = load("-n", "5", "-c", "1", server.url("/garbage"));

        assertOneLineError(r, 1, "5 of 5 requests failed", "malformed response 5");
        assertThat(r.out()).contains("errors      malformed response 5");
    }

    @Test
    void unreachableUrlExitsOneWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = load("-d", "5s", "http://127.0.0.1:" + port + "/x");

        assertOneLineError(r, 1, "cannot connect to 127.0.0.1:" + port + " (connection refused)");
    }

    @Test
    void unreachableUrlInJsonStillPrintsAnObject() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Run r = load("--json", "-c", "2", "http://127.0.0.1:" + port + "/");

        assertOneLineError(r, 1, "cannot connect");
        JsonNode j = JsonMapper.shared().readTree(r.out());
        assertThat(j.get("failure").asString()).contains("connection refused");
        assertThat(j.get("errors").get("connect_refused").asLong()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aServerDyingMidRunReportsWhatWasMeasured() throws Exception {
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> load("-d", "20s", "-c", "2", server.url("/sleep?ms=5")));
        long t0 = System.nanoTime();
        while (server.requests.get() < 20 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10)) {
            Thread.sleep(10);
        }
        server.close();
        Run r = run.get(30, TimeUnit.SECONDS);

        assertOneLineError(r, 1, "no connection to the server", "connection refused");
        assertThat(r.out()).contains("requests ").contains("2xx ").contains("connect refused")
                .contains("stopped     no connection to the server");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus http://127.0.0.1:1/           | Unknown option: '--bogus'",
        "-c                                     | Missing required parameter for option '--connections'",
        "-c ten http://127.0.0.1:1/             | Invalid value for option '--connections'",
        "-d 10parsecs http://127.0.0.1:1/       | invalid duration '10parsecs'",
        "(no URL)                               | Missing required parameter: 'URL'",
    })
    void picocliUsageErrorsAreOneLine(String args, String message) {
        Run r = load(args.equals("(no URL)") ? new String[0] : args.split(" "));

        assertOneLineError(r, 2, message, "(see --help)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ftp://127.0.0.1/x                        | URL must start with http://",
        "https://127.0.0.1/x                      | https is not supported",
        "http://                                  | invalid URL",
        "-d 11m http://127.0.0.1:1/               | duration must be more than 0 and at most 10m",
        "-d 0s http://127.0.0.1:1/                | duration must be more than 0",
        "-n 0 http://127.0.0.1:1/                 | --requests must be at least 1",
        "-n 200000000 http://127.0.0.1:1/         | requests must be between 1 and 100000000",
        "-R 0 http://127.0.0.1:1/                 | --rate must be more than 0",
        "-c 2 -t 4 http://127.0.0.1:1/            | threads (4) must not exceed connections (2)",
        "-c 0 http://127.0.0.1:1/                 | connections must be between 1 and 10000",
        "-H NoColon http://127.0.0.1:1/           | header must look like 'Name: value'",
        "-H Content-Length:3 http://127.0.0.1:1/  | Content-Length is set from --body",
        "--body @/no/such/file http://127.0.0.1:1/ | cannot read body file",
        "--transport carrier-pigeon http://127.0.0.1:1/ | unknown transport",
        "--pipeline 100 http://127.0.0.1:1/       | pipeline must be between 1 and 64",
    })
    void badInputIsOneLineAndExitTwo(String args, String message) {
        Run r = load(args.split(" "));

        assertOneLineError(r, 2, message);
        assertThat(r.out()).isEmpty();
    }
}
