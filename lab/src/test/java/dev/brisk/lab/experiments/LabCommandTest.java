package dev.brisk.lab.experiments;

import static dev.brisk.Handler.loopSafe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.WorkerMode;
import dev.brisk.examples.seed.SeedApp;
import dev.brisk.examples.seed.SeedOptions;
import dev.brisk.lab.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./brisk lab} end to end through {@link Main}: output, exit codes, the report, bad input. */
class LabCommandTest {
    @TempDir
    Path dir;

    @Test
    void runsTheSelectedExperimentPrintsTheComparisonAndWritesTheReport() throws Exception {
        Path report = dir.resolve("r.html");
        Run run = run("lab", "--quick", "--no-fastapi", "--only", "e5", "--report", report.toString());

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.err).doesNotContain("FastAPI column");
        assertThat(run.out).contains("E5  100 concurrent requests that sleep 0.5 s")
                .contains("seed (FastAPI): FastAPI, 100 concurrent requests")
                .contains("parity (--loops 1 --worker pool:40): /asyncio-test")
                .contains("default (--worker virtual")
                .contains("why: A timer sleep holds no thread")
                .contains("=> parity reproduces the seed; default does better")
                .contains("report: " + report.toAbsolutePath())
                .doesNotContain("E1  ");
        assertThat(run.err).contains("E5 parity: 100 x GET /sync-test/{i}").contains("E5 default");
        String html = Files.readString(report);
        assertThat(html).contains("<section class=\"experiment\" id=\"E5\"").doesNotContain("id=\"E1\"");
    }

    @Test
    void withoutPythonTheLabSaysInOneLineHowToGetFastApiAndComparesBriskParityAndDefault() throws Exception {
        Path missing = dir.resolve("no-such-dir/python3");
        Run run = run("lab", "--quick", "--python", missing.toString(), "--only", "E5", "--report", dir.resolve("n.html").toString());

        assertThat(run.code).as(run.err).isZero();
        assertThat(run.err.lines().filter(l -> l.contains("FastAPI column"))).containsExactly("brisk lab: no FastAPI column: "
                + "no Python at " + missing + "; to measure FastAPI beside Brisk: apt-get install python3-fastapi python3-uvicorn "
                + "python3-uvloop python3-httptools python3-httpx (or --python EXE); comparing Brisk parity and default only");
        assertThat(run.out.lines().filter(l -> l.matches("    \\S+ +GET /sync-test/\\{i}.*")).map(l -> l.trim().split(" +")[0]))
                .containsExactly("parity", "default");
        // judged against the seed post, as before there was a FastAPI row (which way depends on the machine's load)
        assertThat(run.out).doesNotContain("FastAPI  GET").doesNotContain("vs FastAPI")
                .containsPattern("=> parity (reproduces|did NOT reproduce) the seed; default (does better|did NOT do better)");
        assertThat(Files.readString(dir.resolve("n.html"))).contains("FastAPI was not measured in this run");
    }

    @Test
    void aPythonWithoutFastApiIsNamedWithWhatFailed() throws Exception {
        Path python = dir.resolve("python3");
        Files.writeString(python, "#!/bin/sh\necho \"ModuleNotFoundError: No module named 'fastapi'\" >&2\nexit 1\n");
        assertThat(python.toFile().setExecutable(true)).isTrue();

        FastApi.Found found = FastApi.find(python.toString());

        assertThat(found.fastapi()).isNull();
        assertThat(found.missing()).isEqualTo(python + " cannot import FastAPI and uvicorn (ModuleNotFoundError: No module named 'fastapi')");
    }

    @Test
    void urlTargetsARunningSeedContractServerAndJudgesItAgainstTheSeed() {
        // a seed app the lab did not start, in FastAPI's setting, with the --quick durations
        Brisk seed = SeedApp.create(new BriskConfig().port(0).loops(1).worker(WorkerMode.fastApiParity()).accessLog(false),
                SeedOptions.defaults().withSleep(Scale.tiny().sleepSeconds())).start();
        try {
            Run run = run("lab", "--quick", "--url", seed.url() + "/", "--only", "E5", "--report", dir.resolve("u.html").toString());

            assertThat(run.code).as(run.err).isZero();
            assertThat(run.err).contains("target " + seed.url()).contains("SEED_SLEEP_SECONDS=0.5");
            assertThat(run.out).contains("target (" + seed.url() + "): /asyncio-test")
                    .containsPattern("=> the target (reproduces|did NOT reproduce) the seed").doesNotContain("default (");
        } finally {
            seed.stop();
        }
    }

    @Test
    void invalidFlagsAreOneLineAndExit2() {
        assertOneLine(run("lab", "--bogus"), 2, "Unknown option: '--bogus'");
        assertOneLine(run("lab", "--only", "E9"), 2, "unknown experiment 'E9' for --only");
        assertOneLine(run("lab", "--url", "ftp://x"), 2, "--url must be an http://host:port URL");
        assertOneLine(run("lab", "--quick", "--faithful"), 2, "--quick and --faithful exclude each other");
    }

    @Test
    void unreachableUrlIsOneLineAndExit1() {
        Brisk closed = Brisk.create(new BriskConfig().port(0).accessLog(false)).start();
        String url = closed.url();
        closed.stop();

        Run run = run("lab", "--url", url, "--report", dir.resolve("x.html").toString());

        assertOneLine(run, 1, "brisk lab: cannot reach " + url + ": refused");
        assertThat(dir.resolve("x.html")).doesNotExist();
    }

    @Test
    void aServerAnsweringGarbageFailsThatExperimentAndTheOthersStillReport() throws Exception {
        // /ping and /reset look right; /sync and /async answer 500s and non-JSON garbage
        Brisk garbage = Brisk.create(new BriskConfig().port(0).accessLog(false));
        garbage.get("/ping", loopSafe(req -> Map.of("pong", true)));
        garbage.get("/reset", loopSafe(req -> Map.of("ok", true)));
        garbage.get("/sync", loopSafe(req -> Response.text("<<garbage>>").withStatus(500)));
        garbage.get("/async", loopSafe(req -> Response.text("not json")));
        garbage.start();
        Path report = dir.resolve("partial.html");
        try {
            Run run = run("lab", "--quick", "--url", garbage.url(), "--only", "E1,E4", "--report", report.toString());

            assertThat(run.code).isEqualTo(1);
            assertThat(run.out).contains("=> ERROR: GET /sync got no 200 answer (first: 500 for /sync)")
                    .contains("E4  Client side").contains("ThreadPool(max_workers=1)").contains("virtual thread per download");
            assertThat(run.out + run.err).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(Files.readString(report)).contains("id=\"E1\"").contains("id=\"E4\"").contains("<rect");
        } finally {
            garbage.stop();
        }
    }

    private static void assertOneLine(Run run, int code, String message) {
        assertThat(run.code).as(run.err).isEqualTo(code);
        assertThat(run.err.lines().findFirst().orElse("")).contains(message);
        assertThat(run.err).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }
}
