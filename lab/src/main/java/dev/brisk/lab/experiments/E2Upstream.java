package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Bar;
import dev.brisk.lab.report.Chart;
import dev.brisk.lab.report.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Seed 001: N concurrent calls to a slow upstream, through a sync route, an async route, and an async route doing sync I/O. */
final class E2Upstream implements Experiment {
    static final String SEED = "FastAPI benchmark against an upstream answering after waitms=1000: (2) async def + async I/O "
            + "was fastest, (1) def + sync I/O next, (3) async def + sync I/O (httpx.Client inside async def) blocked the "
            + "loop and most of its requests ended in timeout errors.";
    static final String WHY = "/http/async waits on the non-blocking client and holds no thread; /http/sync holds a worker per "
            + "call (40 in parity: N calls take ceil(N/40) rounds, none with virtual threads); /http/async/sync makes the "
            + "loop itself wait, so the calls run one after another and the rest time out.";
    private static final String[] ROUTES = {"/http/sync", "/http/async", "/http/async/sync"};
    /** The seed's code: a new httpx client (pool, TLS context) built inside every request. */
    static final FastApiVariant PER_REQUEST = new FastApiVariant("FastAPI client-per-request",
            "SEED_HTTP_CLIENT=per-request, the seed's code: a new httpx client per call",
            Map.of("SEED_HTTP_CLIENT", "per-request"), true, false);
    /** One httpx client per kind made at start-up, as Brisk's seed app shares its client: isolates the lanes. */
    static final FastApiVariant SHARED = new FastApiVariant("FastAPI shared-client",
            "SEED_HTTP_CLIENT=shared, one httpx client made at start-up", Map.of("SEED_HTTP_CLIENT", "shared"), false, true);
    private static final List<FastApiVariant> VARIANTS = List.of(PER_REQUEST, SHARED);

    @Override
    public String id() {
        return "E2";
    }

    @Override
    public Outcome run(Lab lab) {
        Scale scale = lab.scale();
        Findings<Calls> found = Findings.eachSetting(lab, VARIANTS, (setting, target, f) -> {
            // unmeasured: opens the app's pooled connections to the upstream and warms the client's code
            // (nothing to warm with a client per request, and it would only leave work behind)
            if (setting.fastapi() != PER_REQUEST) {
                Http.burst(target.url(), Collections.nCopies(scale.e2Requests(), "/http/async?waitms=50"),
                        Duration.ofMillis(scale.e2TimeoutMs() * 3L));
            }
            List<String> parts = new ArrayList<>();
            double[] wall = new double[ROUTES.length];
            long[] ok = new long[ROUTES.length];
            long[] timeouts = new long[ROUTES.length];
            for (int i = 0; i < ROUTES.length; i++) {
                target.settle(lab);
                List<Sample> samples = burst(lab, target, ROUTES[i]);
                ok[i] = Stats.ok(samples);
                wall[i] = ok[i] < samples.size() ? Double.POSITIVE_INFINITY : Stats.wallMs(samples);
                timeouts[i] = Stats.timeouts(samples);
                f.rows.add(row(setting, ROUTES[i], samples));
                f.charts.add(chart(setting, ROUTES[i], samples));
                parts.add(ROUTES[i] + " " + ok[i] + "/" + samples.size() + " ok in "
                        + Lab.f2(Stats.wallMs(samples) / 1000) + " s" + (timeouts[i] > 0 ? ", " + timeouts[i] + " timeouts" : ""));
            }
            target.stopUpstream();
            String watchdog = setting.isRemote() && !setting.isFastApi() ? ""
                    : "; watchdog: " + target.awaitStall("GET /http/async/sync");
            f.lines.add(setting.name() + " (" + setting.flags() + "): " + String.join(", ", parts) + watchdog);
            return new Calls(wall, ok, timeouts);
        });
        Calls perRequest = found.figures(PER_REQUEST.name());
        Calls shared = found.figures(SHARED.name());
        if (perRequest != null && shared != null) found.lines.add(clientCost(perRequest, shared, scale.e2Requests()));
        return found.outcome(new Rules(scale), f -> new Section("E2", scale.e2Requests() + " concurrent calls to an upstream that answers after "
                + scale.waitMs() + " ms, client timeout " + scale.e2TimeoutMs() + " ms (seed 001)", SEED, f.lines, WHY,
                List.of("setting", "route", "ok", "timeouts", "other errors", "all done after", "ok/s", "p50", "max"),
                f.rows, f.charts));
    }

    /** Per route (sync, async, async/sync): all-answered time (infinite unless all were 200), 200s, timeouts. */
    private record Calls(double[] wall, long[] ok, long[] timeouts) {}

    private static String clientCost(Calls perRequest, Calls shared, int n) {
        StringBuilder sb = new StringBuilder("FastAPI's client, the seed's (one per request) vs one shared: ");
        for (int i = 0; i < 2; i++) {
            sb.append(ROUTES[i]).append(' ').append(perRequest.ok[i]).append('/').append(n).append(" ok")
                    .append(Double.isFinite(perRequest.wall[i]) ? " in " + secs(perRequest.wall[i]) : "").append(" vs ")
                    .append(shared.ok[i]).append('/').append(n).append(" ok")
                    .append(Double.isFinite(shared.wall[i]) ? " in " + secs(shared.wall[i]) : "").append(i == 0 ? "; " : "");
        }
        boolean differs = perRequest.ok[1] < shared.ok[1] || perRequest.wall[1] > 1.2 * shared.wall[1] + 100;
        return sb.append(differs ? ": that much of the seed's FastAPI result came from building a client per call, not from the lanes"
                : ": here the client made little difference; the lanes did the rest").toString();
    }

    private static String secs(double ms) {
        return Double.isFinite(ms) ? Lab.f2(ms / 1000) + " s" : "not all answered";
    }

    /**
     * Compared: the three routes' all-answered times and timeouts. Brisk is judged against FastAPI with a
     * shared client (Brisk's client is shared too), so the comparison is about the lanes.
     */
    private record Rules(Scale scale) implements Findings.Rules<Calls> {
        @Override
        public Check seed(Calls c) {
            return Check.all(
                    Check.of(c.wall[1] < c.wall[0], "/http/async all answered after " + secs(c.wall[1]) + ", /http/sync after "
                            + secs(c.wall[0]) + " (seed: async fastest, sync next)"),
                    Check.of(c.wall[0] >= 1.6 * scale.waitMs(), "/http/sync took >= 1.6 x waitms (a worker per call, rounds of 40)"),
                    Check.of(c.timeouts[2] > scale.e2Requests() / 2, "/http/async/sync " + c.timeouts[2] + " of "
                            + scale.e2Requests() + " timed out (seed: most)"));
        }

        @Override
        public Check improvedOnSeed(Calls d) {
            return Check.of(d.wall[0] <= 1.5 * d.wall[1] + 100, "/http/sync " + secs(d.wall[0]) + " keeps up with /http/async "
                    + secs(d.wall[1]) + " (<= 1.5 x + 100 ms)");
        }

        @Override
        public Check matches(Calls fastapi, Calls p) {
            double ratio = p.wall[0] / fastapi.wall[0];
            return Check.all(
                    Check.of((p.wall[1] < p.wall[0]) == (fastapi.wall[1] < fastapi.wall[0]), "async faster than sync: "
                            + yes(p.wall[1] < p.wall[0]) + " vs FastAPI " + yes(fastapi.wall[1] < fastapi.wall[0])),
                    Check.of(ratio >= 1 / 1.5 && ratio <= 1.5, "/http/sync all answered after " + secs(p.wall[0]) + " vs FastAPI "
                            + secs(fastapi.wall[0]) + " (rounds of 40 both: within x1.5)"),
                    Check.of(p.timeouts[2] > scale.e2Requests() / 2 && fastapi.timeouts[2] > scale.e2Requests() / 2,
                            "/http/async/sync timeouts " + p.timeouts[2] + " vs FastAPI " + fastapi.timeouts[2] + " (most, both)"));
        }

        @Override
        public Check better(Calls fastapi, Calls d) {
            return Check.of(d.wall[0] * 1.5 <= fastapi.wall[0], "/http/sync all answered after " + secs(d.wall[0]) + " vs FastAPI "
                    + secs(fastapi.wall[0]) + " (at least 1.5 x faster: no rounds of 40)");
        }

        private static String yes(boolean b) {
            return b ? "yes" : "no";
        }
    }

    private static List<Sample> burst(Lab lab, Target target, String route) {
        Scale scale = lab.scale();
        lab.progress("E2 %s: %d x GET %s?waitms=%d", target.setting().name(), scale.e2Requests(), route, scale.waitMs());
        List<Sample> samples = Http.burst(target.url(), Collections.nCopies(scale.e2Requests(), route + "?waitms=" + scale.waitMs()),
                Duration.ofMillis(scale.e2TimeoutMs()));
        if (Stats.ok(samples) == 0 && Stats.timeouts(samples) < samples.size()) Stats.requireSomeOk(samples, "GET " + route);
        return samples;
    }

    private static List<String> row(Setting setting, String route, List<Sample> samples) {
        long ok = Stats.ok(samples);
        long timeouts = Stats.timeouts(samples);
        double wall = Stats.wallMs(samples);
        List<Sample> answered = samples.stream().filter(Sample::ok).toList();
        return List.of(setting.name(), "GET " + route, ok + "/" + samples.size(), String.valueOf(timeouts),
                String.valueOf(samples.size() - ok - timeouts), Lab.f2(wall / 1000) + " s", Lab.f0(ok / (wall / 1000)),
                answered.isEmpty() ? "-" : Lab.f0(Stats.percentile(answered, 50)) + " ms",
                answered.isEmpty() ? "-" : Lab.f0(Stats.percentile(answered, 100)) + " ms");
    }

    private static Chart chart(Setting setting, String route, List<Sample> samples) {
        List<Bar> bars = new ArrayList<>();
        List<Sample> byEnd = new ArrayList<>(samples);
        byEnd.sort((a, b) -> Double.compare(a.endMs(), b.endMs()));
        for (Sample s : byEnd) {
            String key = s.ok() ? "200 OK" : s.outcome();
            bars.add(new Bar("GET " + route, s.startMs(), s.endMs(), key, Lab.f0(s.latencyMs()) + " ms"));
        }
        return new Chart(setting.name() + " (" + setting.flags() + "): GET " + route + " (sorted by answer time)",
                "outcome", bars);
    }
}
