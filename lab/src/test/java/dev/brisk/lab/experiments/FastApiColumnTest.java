package dev.brisk.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brisk.lab.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./brisk lab --quick} with Debian's FastAPI installed (.ci/run installs it): FastAPI measured
 * live beside Brisk, three rows per route, verdicts against the measured FastAPI, E2's two FastAPI
 * clients, FastAPI's timelines in the report coloured by its threads, and no Python left running.
 * One lab run (E1, E2, E5) serves every check.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FastApiColumnTest {
    @TempDir
    static Path dir;
    private Path report;
    private int code;
    private String out;
    private String err;

    @BeforeAll
    void runTheLabWithFastApi() throws Exception {
        FastApi.Found found = FastApi.find(null);
        assumeTrue(found.fastapi() != null, "FastAPI not installed (" + found.missing() + "): " + FastApi.INSTALL);
        found.fastapi().close();
        report = dir.resolve("lab-report.html");
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = Main.run("lab", "--quick", "--only", "E1,E2,E5", "--report", report.toString());
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyRouteHasAFastApiRowThenParityThenDefault() {
        assertThat(code).as(err + out).isZero();
        assertThat(err).contains("FastAPI (FastAPI ").contains("uvicorn").contains("E1 FastAPI: 10 x GET /async");
        for (String route : List.of("GET /sync ", "GET /async ", "GET /asyncio-test/{i}", "GET /sync-test/{i}")) {
            assertThat(settingsOf(route)).as(route).containsExactly("FastAPI", "parity", "default");
        }
        // the seed post's observation stays above the measured rows
        assertThat(out.indexOf("seed (FastAPI): FastAPI, 100 concurrent")).isLessThan(out.indexOf("FastAPI  GET /asyncio-test"));
    }

    @Test
    void fastApiServesDefOnItsPoolAndAsyncDefOnItsOneLoopThread() {
        List<String> async = row("FastAPI", "GET /async");
        assertThat(async.get(2)).as("threads serving /async").isEqualTo("1");
        assertThat(async.get(3)).startsWith("MainThread #");
        assertThat(String.join(" ", async)).contains("nothing reported (FastAPI has no watchdog)");
        List<String> sync = row("FastAPI", "GET /sync");
        assertThat(Integer.parseInt(sync.get(2))).as("threads serving /sync").isGreaterThan(1);
        assertThat(sync.get(3)).startsWith("AnyIO worker thread #");
        assertThat(sync.get(4)).isEqualTo("0 of 9");
        // 100 blocking sleeps on AnyIO's 40 threads: three waves, at least 2.5 sleeps however fast the machine
        assertThat(Double.parseDouble(row("FastAPI", "GET /sync-test/{i}").get(4))).isGreaterThanOrEqualTo(2.5);
    }

    @Test
    void verdictsAreJudgedAgainstTheMeasuredFastApiAndSayWhatWasCompared() {
        assertThat(section("E1")).contains("parity vs FastAPI: /sync: 0 vs FastAPI 0 waited (equal); /async on 1 vs FastAPI 1 thread")
                .contains("default vs FastAPI: /sync: nobody waited; the watchdog named GET /async")
                .contains("=> parity matches FastAPI; default does better");
        assertThat(section("E5")).contains("parity vs FastAPI: /asyncio-test").contains("(one wave both: <= 1.8)")
                .contains("x the sleep (within 0.5)")
                .contains("default vs FastAPI: /sync-test").containsPattern("=> parity (matches|does NOT match) FastAPI; default does better");
        // the verdict follows the figures: a comparison that failed is marked and turns the verdict
        for (String id : List.of("E1", "E2", "E5")) {
            String s = section(id);
            String parityLine = s.lines().filter(l -> l.contains("parity vs FastAPI: ")).findFirst().orElseThrow();
            assertThat(s).contains(parityLine.contains("[NO]") ? "parity does NOT match FastAPI" : "parity matches FastAPI");
        }
    }

    @Test
    void e2ShowsTheSeedsClientPerRequestAndASharedClientAsTwoFastApiRows() {
        for (String route : List.of("GET /http/sync ", "GET /http/async ", "GET /http/async/sync")) {
            assertThat(settingsOf(route)).as(route)
                    .containsExactly("FastAPI client-per-request", "FastAPI shared-client", "parity", "default");
        }
        assertThat(section("E2")).contains("FastAPI's client, the seed's (one per request) vs one shared: /http/sync ")
                .contains("SEED_HTTP_CLIENT=per-request, the seed's code").contains("SEED_HTTP_CLIENT=shared")
                .containsPattern("=> parity (matches|does NOT match) FastAPI; default (does better|did NOT do better)");
        // the async-def route that blocks the one loop times most calls out in FastAPI, as in the seed
        assertThat(Integer.parseInt(row("FastAPI shared-client", "GET /http/async/sync").get(3))).isGreaterThan(50);
    }

    @Test
    void noPythonIsLeftRunningAndTheReportDrawsFastApisTimelinesByThread() throws Exception {
        assertThat(ProcessHandle.current().descendants().filter(p -> p.isAlive()
                && p.info().command().orElse("").contains("python"))).as("python processes left behind").isEmpty();
        String html = Files.readString(report);
        assertThat(html).contains("FastAPI (FastAPI ").contains("MainThread #").contains("AnyIO worker thread #")
                .contains("against FastAPI itself");
        Optional<String> chromium = findChromium();
        assumeTrue(chromium.isPresent(), "chromium not installed: skipping the headless render check");
        String dom = dump(chromium.get(), report);
        // E1: 3 settings x 2 routes of 10; E2: 4 x 3 of 100; E5: 3 x 2 of 100
        assertThat(count(dom, "<svg")).isEqualTo(6 + 12 + 6);
        assertThat(count(dom, "<rect class=\"req\"")).isEqualTo(6 * 10 + 12 * 100 + 6 * 100);
        // E1's /async timelines: FastAPI's first, then parity's and default's; FastAPI's coloured by its one MainThread
        int first = dom.indexOf("): GET /async</h3>");
        String fastapiChart = dom.substring(dom.lastIndexOf("<h3>", first), dom.indexOf("<h3>", first));
        assertThat(fastapiChart).startsWith("<h3>FastAPI (").contains("MainThread #").doesNotContain("brisk-loop-");
        assertThat(dom.indexOf("<h3>parity (", first)).isLessThan(dom.indexOf("<h3>default (", first));
    }

    private String section(String id) {
        int start = out.indexOf("\n" + id + "  ");
        int end = out.indexOf("\n    => ", start);
        assertThat(start).as("section " + id + " in " + out).isNotNegative();
        return out.substring(start, out.indexOf('\n', end + 1));
    }

    /** The settings (first column) of the table rows for a route, in printed order. */
    private List<String> settingsOf(String route) {
        return out.lines().filter(l -> l.startsWith("    ") && l.contains(route) && !l.contains(":"))
                .map(l -> l.trim().split(" {2,}")[0]).toList();
    }

    private List<String> row(String setting, String route) {
        Pattern p = Pattern.compile("^    " + Pattern.quote(setting) + " {2,}" + Pattern.quote(route) + " {2,}.*$", Pattern.MULTILINE);
        Matcher m = p.matcher(out);
        assertThat(m.find()).as("row " + setting + " " + route + " in " + out).isTrue();
        return List.of(m.group().trim().split(" {2,}"));
    }

    private static String dump(String chromium, Path report) throws Exception {
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                report.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] dom = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        return new String(dom, StandardCharsets.UTF_8);
    }

    private static Optional<String> findChromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, name)))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
