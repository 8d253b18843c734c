package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Bar;
import dev.brisk.lab.report.Chart;
import dev.brisk.lab.report.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Seed 001: N concurrent calls to a slow upstream, through a sync route, an async route, and an async route doing sync I/O. */
final class E2Upstream implements Experiment {
    static final String SEED = "FastAPI benchmark against an upstream answering after waitms=1000: (2) async def + async I/O "
            + "was fastest, (1) def + sync I/O next, (3) async def + sync I/O (httpx.Client inside async def) blocked the "
            + "loop and most of its requests ended in timeout errors.";
    static final String WHY = "/http/async waits on the non-blocking client and holds no thread; /http/sync holds a worker per "
            + "call (40 in parity: N calls take ceil(N/40) rounds, none with virtual threads); /http/async/sync makes the "
            + "loop itself wait, so the calls run one after another and the rest time out.";
    private static final String[] ROUTES = {"/http/sync", "/http/async", "/http/async/sync"};

    @Override
    public String id() {
        return "E2";
    }

    @Override
    public Outcome run(Lab lab) {
        Scale scale = lab.scale();
        Findings found = Findings.eachSetting(lab, (setting, target, f) -> {
            target.settle(lab);
            // unmeasured: opens the app's pooled connections to the upstream and warms the client's code
            Http.burst(target.url(), Collections.nCopies(scale.e2Requests(), "/http/async?waitms=50"),
                    Duration.ofMillis(scale.e2TimeoutMs() * 3L));
            List<String> parts = new ArrayList<>();
            double[] wall = new double[ROUTES.length];
            long[] timeouts = new long[ROUTES.length];
            for (int i = 0; i < ROUTES.length; i++) {
                List<Sample> samples = burst(lab, target, ROUTES[i]);
                wall[i] = Stats.ok(samples) < samples.size() ? Double.POSITIVE_INFINITY : Stats.wallMs(samples);
                timeouts[i] = Stats.timeouts(samples);
                f.rows.add(row(setting, ROUTES[i], samples));
                f.charts.add(chart(setting, ROUTES[i], samples));
                parts.add(ROUTES[i] + " " + Stats.ok(samples) + "/" + samples.size() + " ok in "
                        + Lab.f2(Stats.wallMs(samples) / 1000) + " s" + (timeouts[i] > 0 ? ", " + timeouts[i] + " timeouts" : ""));
            }
            target.stopUpstream();
            String watchdog = setting.isRemote() ? "" : "; watchdog: " + target.awaitStall("GET /http/async/sync");
            f.lines.add(setting.name() + " (" + setting.flags() + "): " + String.join(", ", parts) + watchdog);
            // the seed's order: async fastest, sync next (rounds of 40), async/sync collapses into timeouts;
            // with virtual threads the sync route keeps up with the async one
            f.judge(setting, wall[1] < wall[0] && wall[0] >= 1.6 * scale.waitMs() && timeouts[2] > scale.e2Requests() / 2,
                    wall[0] <= 1.5 * wall[1] + 100);
        });
        return found.outcome(f -> new Section("E2", scale.e2Requests() + " concurrent calls to an upstream that answers after "
                + scale.waitMs() + " ms, client timeout " + scale.e2TimeoutMs() + " ms (seed 001)", SEED, f.lines, WHY,
                List.of("setting", "route", "ok", "timeouts", "other errors", "all done after", "ok/s", "p50", "max"),
                f.rows, f.charts));
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
