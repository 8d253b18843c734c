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
        Findings<Waves> found = Findings.eachSetting(lab, (setting, target, f) -> {
            target.settle(lab);
            double loop = measure(lab, target, "/asyncio-test/", "loop lane, timer sleep", f.rows, f.charts);
            double worker = measure(lab, target, "/sync-test/", "worker lane, blocking sleep", f.rows, f.charts);
            f.lines.add(setting.name() + " (" + setting.flags() + "): /asyncio-test " + Lab.f2(loop)
                    + " x the sleep, /sync-test " + Lab.f2(worker) + " x the sleep");
            return new Waves(loop, worker);
        });
        return found.outcome(new Rules(), f -> new Section("E5", scale.e5Requests() + " concurrent requests that sleep "
                + scale.sleepSeconds() + " s: timer on the loop vs blocking sleep on the worker lane (seed 004)", SEED,
                f.lines, WHY, List.of("setting", "route", "requests", "all answered after", "x the sleep", "not 200"),
                f.rows, f.charts));
    }

    /** All answered after, in multiples of the sleep: 1 is one wave, 3 is seed 004's three waves of 40. */
    private record Waves(double loop, double worker) {}

    /** The claim is about the worker lane: blocking sleeps no longer queue behind a pool of 40. */
    private static final class Rules implements Findings.Rules<Waves> {
        /** Half a sleep: a wave is one whole sleep, so this tells 1 wave from 2 and 2 from 3. */
        private static final double SAME = 0.5;

        @Override
        public Check seed(Waves w) {
            return Check.all(Check.of(w.loop <= 1.8, "/asyncio-test " + Lab.f2(w.loop) + " x the sleep (seed: 1 wave, <= 1.8)"),
                    Check.of(w.worker >= 2, "/sync-test " + Lab.f2(w.worker) + " x the sleep (seed: 3 waves of 40, >= 2)"));
        }

        @Override
        public Check improvedOnSeed(Waves d) {
            return Check.of(d.worker <= 1.8, "/sync-test " + Lab.f2(d.worker) + " x the sleep (one wave: <= 1.8)");
        }

        @Override
        public Check matches(Waves fastapi, Waves parity) {
            // the loop lane: one wave both (Python's per-request overhead may stretch FastAPI's towards 1.8, which is
            // still one wave); the worker lane: the same number of waves
            return Check.all(Check.of(parity.loop <= 1.8 && fastapi.loop <= 1.8, "/asyncio-test " + Lab.f2(parity.loop)
                            + " vs FastAPI " + Lab.f2(fastapi.loop) + " x the sleep (one wave both: <= 1.8)"),
                    close("/sync-test", fastapi.worker, parity.worker));
        }

        @Override
        public Check better(Waves fastapi, Waves d) {
            return Check.all(Check.of(d.worker <= fastapi.worker - SAME, "/sync-test " + Lab.f2(d.worker) + " vs FastAPI "
                            + Lab.f2(fastapi.worker) + " x the sleep (at least " + SAME + " fewer)"),
                    Check.of(d.loop <= fastapi.loop + SAME, "/asyncio-test " + Lab.f2(d.loop) + " vs FastAPI "
                            + Lab.f2(fastapi.loop) + " (no worse, within " + SAME + ")"));
        }

        private static Check close(String route, double fastapi, double parity) {
            return Check.of(Math.abs(parity - fastapi) <= SAME, route + " " + Lab.f2(parity) + " vs FastAPI " + Lab.f2(fastapi)
                    + " x the sleep (within " + SAME + ")");
        }
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
