package dev.brisk.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.lab.experiments.E6Database.Case;
import dev.brisk.lab.experiments.E6Database.Result;
import dev.brisk.lab.load.LoadResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * E6's verdicts on given figures (the live run is FastApiColumnTest's): with FastAPI's two rows, parity is
 * judged against FastAPI def+psycopg and default against both; without them (no Python, no drivers,
 * --no-fastapi) against the expectation and parity, as before there were FastAPI rows.
 */
class E6RulesTest {
    private static final String NAMED = "the loop stalled 50 ms in GET /query";

    @Test
    void withFastApiParityMatchesItsDefRowAndDefaultBeatsBothFastApiRows() {
        List<String> lines = new ArrayList<>();
        E6Rules.Verdicts v = E6Rules.judge(figures(700, 300, 2400, true), lines);

        assertThat(v).isEqualTo(new E6Rules.Verdicts(true, true, true, true));
        String all = String.join("\n", lines);
        assertThat(all).contains("FastAPI here behaves as expected above: def+psycopg 700 req/s, mean 300 ms (capped at 40 in flight: "
                        + "<= 1.15 x 800 req/s, waves: mean latency >= 100 ms); async def+asyncpg 2400 req/s, 3.43 x def+psycopg")
                .contains("parity vs FastAPI def+psycopg: 780 vs FastAPI 700 req/s (40 in flight both: each <= 1.15 x 800); "
                        + "mean 250 vs FastAPI 300 ms (waves both: each >= 100 ms); parity / FastAPI = 1.11 (within x1.5)")
                .contains("default vs FastAPI: 3000 vs FastAPI def+psycopg 700 req/s (>= 1.5 x: no 40-thread cap); blocking JDBC "
                        + "on virtual threads 3000 vs FastAPI async def+asyncpg 2400 req/s, 200 connections both (>= 0.9 x)")
                .doesNotContain("[NO]");
        Outcome o = new Outcome(null, v.reproduces(), v.better(), null, v.fastapiAsExpected(), v.matches());
        assertThat(o.verdict()).isEqualTo("parity matches FastAPI; default does better");
    }

    @Test
    void aFastApiFarBelowParityOrAboveDefaultTurnsTheVerdictAndSaysWhichFigure() {
        List<String> lines = new ArrayList<>();
        // FastAPI's def row held back by Python itself (x1.5 off parity), its async row ahead of Brisk's default
        E6Rules.Verdicts v = E6Rules.judge(figures(450, 300, 3600, true), lines);

        assertThat(v.matches()).isFalse();
        assertThat(v.better()).isFalse();
        assertThat(v.fastapiAsExpected()).isTrue();
        assertThat(String.join("\n", lines)).contains("parity / FastAPI = 1.73 (within x1.5) [NO]")
                .contains("3000 vs FastAPI async def+asyncpg 3600 req/s, 200 connections both (>= 0.9 x) [NO]");
        Outcome o = new Outcome(null, v.reproduces(), v.better(), null, v.fastapiAsExpected(), v.matches());
        assertThat(o.verdict()).isEqualTo("parity does NOT match FastAPI; default did NOT do better");
    }

    @Test
    void anAsyncpgRowFarBelowItsPoolCeilingIsNamedAsThePythonLoopsLimitAndADefRowWithoutWavesDiffers() {
        List<String> lines = new ArrayList<>();
        E6Rules.Verdicts v = E6Rules.judge(figures(700, 60, 1200, true), lines);

        assertThat(v.fastapiAsExpected()).isFalse();
        assertThat(String.join("\n", lines)).contains("FastAPI async+asyncpg reached 30% of its pool's ceiling: at 200 connections "
                        + "its one event loop (Python's CPU per request), not the pool, is the limit here")
                .contains("FastAPI on this machine differs from the expectation above: def+psycopg 700 req/s, mean 60 ms");
        Outcome o = new Outcome(null, v.reproduces(), v.better(), null, v.fastapiAsExpected(), v.matches());
        assertThat(o.verdict()).endsWith("; FastAPI here differs from the seed post");
    }

    @Test
    void withoutFastApiRowsParityIsJudgedAgainstTheExpectationAndDefaultAgainstParity() {
        Map<String, Result> brisk = figures(700, 300, 2400, true);
        brisk.keySet().removeIf(k -> k.startsWith("FastAPI"));
        List<String> lines = new ArrayList<>();
        E6Rules.Verdicts v = E6Rules.judge(brisk, lines);

        assertThat(v).isEqualTo(new E6Rules.Verdicts(true, true, null, null));
        assertThat(lines).contains("parity 780 req/s, mean 250 ms (capped at 40 in flight: <= 1.15 x 800 req/s, waves: mean latency >= 100 ms)")
                .anyMatch(l -> l.startsWith("default 3000 vs parity 780 req/s (>= 1.5 x: no 40-thread cap); pool 10 gave 190 req/s"));
        assertThat(String.join("\n", lines)).doesNotContain("FastAPI");
        Outcome o = new Outcome(null, v.reproduces(), v.better(), null, v.fastapiAsExpected(), v.matches());
        assertThat(o.verdict()).isEqualTo("parity reproduces the seed; default does better");
    }

    @Test
    void aMistakeTheWatchdogDidNotNameMeansDefaultDidNotDoBetter() {
        List<String> lines = new ArrayList<>();
        E6Rules.Verdicts v = E6Rules.judge(figures(700, 300, 2400, false), lines);

        assertThat(v.better()).isFalse();
        assertThat(String.join("\n", lines)).contains("the watchdog named GET /query [NO]");
    }

    @Test
    void aMissingBriskRowLeavesTheVerdictsOpen() {
        Map<String, Result> some = figures(700, 300, 2400, true);
        some.remove("async");
        assertThat(E6Rules.judge(some, new ArrayList<>())).isEqualTo(new E6Rules.Verdicts(null, null, null, null));
    }

    /** Typical figures: parity 780 req/s, pool 10 190, default 3000, async 2900, the mistake 19. */
    private static Map<String, Result> figures(double fastapiDef, double fastapiDefP50, double asyncpg, boolean named) {
        Map<String, Result> out = new LinkedHashMap<>();
        List<Case> fastapi = E6Database.fastapiCases("FastAPI 0.92.0, uvicorn");
        out.put(fastapi.get(0).name(), result(fastapi.get(0), fastapiDef, fastapiDefP50, "-"));
        out.put(fastapi.get(1).name(), result(fastapi.get(1), asyncpg, 80, "-"));
        double[] rps = {780, 190, 3000, 2900, 19};
        double[] p50 = {250, 1000, 60, 65, 1000};
        List<Case> brisk = E6Database.briskCases();
        for (int i = 0; i < brisk.size(); i++) {
            String watchdog = brisk.get(i).mistake() ? (named ? NAMED : "no stall reported") : "-";
            out.put(brisk.get(i).name(), result(brisk.get(i), rps[i], p50[i], watchdog));
        }
        return out;
    }

    /** A one-second closed-loop run with {@code rps} answers, every one taking {@code p50} ms. */
    private static Result result(Case c, double rps, double p50, String watchdog) {
        Histogram latency = new Histogram(3);
        latency.recordValueWithCount((long) (p50 * 1e6), (long) rps);
        LoadResult load = new LoadResult(List.of("http://127.0.0.1/query"), c.clients(), 1, 1, 0, Duration.ofSeconds(1),
                (long) rps, 0, 0, latency, new TreeMap<>(Map.of(200, (long) rps)), Map.of(), 0, 0, null);
        return new Result(c, load, watchdog, List.of());
    }
}
