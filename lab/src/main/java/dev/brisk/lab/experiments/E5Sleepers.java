package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Bar;
import dev.brisk.lab.report.Chart;
import dev.brisk.lab.report.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Seed 004: 100 concurrent sleeping requests, on the loop's timer vs on worker threads. */
final class E5Sleepers implements Experiment {
    static final String SEED = "FastAPI, 100 concurrent requests: async def + await asyncio.sleep(3) finished in about 3 s; "
            + "def + time.sleep(3) took about 9 s, because the def routes share a thread pool of 40 (AnyIO's limit): "
            + "100 requests run in 3 waves of 40, 40 and 20.";
    static final String WHY = "A timer sleep holds no thread, so any number of requests sleep at once; a blocking sleep holds "
            + "a worker, so a 40-thread pool serves 100 sleepers in ceil(100/40) = 3 waves, while a virtual thread per "
            + "request has no such limit.";

    @Override
    public String id() {
        return "E5";
    }

    @Override
    public Outcome run(Lab lab) {
        Scale scale = lab.scale();
        Findings found = Findings.eachSetting(lab, (setting, target, f) -> {
            target.settle(lab);
            double loop = measure(lab, target, "/asyncio-test/", "loop lane, timer sleep", f.rows, f.charts);
            double worker = measure(lab, target, "/sync-test/", "worker lane, blocking sleep", f.rows, f.charts);
            f.lines.add(setting.name() + " (" + setting.flags() + "): /asyncio-test " + Lab.f2(loop)
                    + " x the sleep, /sync-test " + Lab.f2(worker) + " x the sleep");
            // the claim is about the worker lane: blocking sleeps no longer queue behind a pool
            f.judge(setting, loop <= 1.8 && worker >= 2, worker <= 1.8);
        });
        return found.outcome(f -> new Section("E5", scale.e5Requests() + " concurrent requests that sleep "
                + scale.sleepSeconds() + " s: timer on the loop vs blocking sleep on the worker lane (seed 004)", SEED,
                f.lines, WHY, List.of("setting", "route", "requests", "all answered after", "x the sleep", "not 200"),
                f.rows, f.charts));
    }

    /** Returns the wall time of the burst as a multiple of the sleep. */
    private static double measure(Lab lab, Target target, String prefix, String lane, List<List<String>> rows,
                                  List<Chart> charts) {
        Scale scale = lab.scale();
        double sleepMs = scale.sleepSeconds() * 1000;
        lab.progress("E5 %s: %d x GET %s{i} (%s)", target.setting().name(), scale.e5Requests(), prefix, lane);
        List<String> paths = new ArrayList<>();
        for (int i = 1; i <= scale.e5Requests(); i++) paths.add(prefix + i);
        List<Sample> samples = Http.burst(target.url(), paths, Duration.ofMillis((long) (sleepMs * 10) + 5000));
        Stats.requireSomeOk(samples, "GET " + prefix + "{i}");
        double wall = Stats.wallMs(samples);
        double ratio = wall / sleepMs;
        rows.add(List.of(target.setting().name(), "GET " + prefix + "{i}", String.valueOf(samples.size()),
                Lab.f2(wall / 1000) + " s", Lab.f2(ratio), String.valueOf(samples.size() - Stats.ok(samples))));
        List<Bar> bars = new ArrayList<>();
        for (Sample s : samples) {
            long wave = Math.max(1, Math.round(s.latencyMs() / sleepMs));
            String key = s.ok() ? "answered in wave " + wave : s.outcome();
            bars.add(new Bar("GET " + prefix + (s.index() + 1), s.startMs(), s.endMs(), key, Lab.f0(s.latencyMs()) + " ms"));
        }
        charts.add(new Chart(target.setting().name() + " (" + target.setting().flags() + "): GET " + prefix + "{i}, " + lane,
                "when it was answered (multiples of the sleep)", bars));
        return ratio;
    }
}
