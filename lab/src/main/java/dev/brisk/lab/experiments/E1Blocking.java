package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Bar;
import dev.brisk.lab.report.Chart;
import dev.brisk.lab.report.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Seed 000: ten concurrent {@code /sync} and {@code /async} requests, the 5th sleeping in its handler. */
final class E1Blocking implements Experiment {
    static final String SEED = "FastAPI: /sync (def) answered on 7 different thread ids, all 10 at 16:35:25, nobody waited; "
            + "/async (async def) answered all 10 on one thread id (36764), and requests 6-10 started 20 s late "
            + "(16:36:16 -> 16:36:36): they waited for the 5th one's time.sleep(20). Nothing reported it.";
    static final String WHY = "A plain handler runs on a worker thread, so its sleep blocks only itself; a loop handler "
            + "runs on the event loop, and a blocking call there stops every request on that loop until it returns.";

    @Override
    public String id() {
        return "E1";
    }

    @Override
    public Outcome run(Lab lab) {
        Scale scale = lab.scale();
        Findings<Blocking> found = Findings.eachSetting(lab, (setting, target, f) -> {
            Run sync = burst(lab, target, "/sync");
            Run async = burst(lab, target, "/async");
            String watchdog = target.awaitStall("GET /async");
            f.rows.add(sync.row(setting, "-"));
            f.rows.add(async.row(setting, watchdog));
            f.charts.add(sync.chart(setting));
            f.charts.add(async.chart(setting));
            f.lines.add(setting.name() + " (" + setting.flags() + "): " + sync.summary() + "; " + async.summary()
                    + (setting.isRemote() && !setting.isFastApi() ? "" : "; watchdog: " + watchdog));
            return new Blocking(sync, async, watchdog, async.blockMs());
        });
        return found.outcome(new Rules(scale.e1Requests()), f -> new Section("E1", "Blocking call in a handler: " + scale.e1Requests()
                + " concurrent GET /sync and GET /async, the 5th sleeps " + scale.blockSeconds() + " s (seed 000)",
                SEED, f.lines, WHY,
                List.of("setting", "route", "threads", "blocker ran on", "waited >= half the block", "slowest other", "watchdog"),
                f.rows, f.charts));
    }

    private static Run burst(Lab lab, Target target, String path) {
        target.settle(lab);
        target.reset();
        lab.progress("E1 %s: %d x GET %s (the 5th sleeps %.1f s)", target.setting().name(), lab.scale().e1Requests(), path,
                lab.scale().blockSeconds());
        Duration timeout = Duration.ofMillis((long) (lab.scale().blockSeconds() * 3000) + 5000);
        List<Sample> samples = Http.burst(target.url(), Collections.nCopies(lab.scale().e1Requests(), path), timeout);
        Stats.requireSomeOk(samples, "GET " + path);
        double blockMs = lab.scale().blockSeconds() * 1000;
        if (lab.remote()) {
            // a server we did not start sleeps for as long as it was told: measure it from the sleeper itself
            blockMs = samples.stream().filter(Sample::slept).mapToDouble(Sample::latencyMs).findFirst().orElse(blockMs);
        }
        return new Run(path, samples, blockMs);
    }

    /** What one setting showed: both bursts and what its watchdog said. */
    private record Blocking(Run sync, Run async, String watchdog, double blockMs) {
        boolean named() {
            return watchdog.contains("GET /async");
        }
    }

    /** Compared: who waited for the sleeper, on how many threads, and whether anything named the blocking. */
    private record Rules(int requests) implements Findings.Rules<Blocking> {
        @Override
        public Check seed(Blocking b) {
            return Check.all(
                    Check.of(b.sync.waiters().isEmpty() && b.sync.threads() >= 2, "/sync on " + b.sync.threads() + " threads, "
                            + b.sync.waiters().size() + " of " + (requests - 1) + " waited (seed: 7 threads, nobody waited)"),
                    Check.of(b.async.threads() == 1 && !b.async.waiters().isEmpty() && b.async.laterOnesWaited(0.8 * b.blockMs),
                            "/async on " + b.async.threads() + " thread, the requests after the sleeper waited >= 80% of the block: "
                                    + yes(b.async.laterOnesWaited(0.8 * b.blockMs)) + " (seed: one thread, 6-10 waited)"));
        }

        @Override
        public Check improvedOnSeed(Blocking d) {
            return Check.all(Check.of(d.sync.waiters().isEmpty(), "/sync: nobody waited"),
                    Check.of(d.named(), "the watchdog named GET /async"),
                    Check.of(d.async.waiters().size() < requests - 1, "/async: " + d.async.waiters().size() + " of "
                            + (requests - 1) + " waited (fewer than all)"));
        }

        @Override
        public Check matches(Blocking fastapi, Blocking p) {
            // what is compared is who waited for the sleeper and on how many threads, not latencies: a busy
            // machine adds hundreds of ms to either side, and the table shows them anyway
            return Check.all(
                    Check.of(p.sync.waiters().size() == fastapi.sync.waiters().size(), "/sync: " + p.sync.waiters().size()
                            + " vs FastAPI " + fastapi.sync.waiters().size() + " waited (equal)"),
                    Check.of(p.async.threads() == fastapi.async.threads(), "/async on " + p.async.threads() + " vs FastAPI "
                            + fastapi.async.threads() + " thread (equal)"),
                    Check.of(p.async.laterOnesWaited(0.8 * p.blockMs) == fastapi.async.laterOnesWaited(0.8 * fastapi.blockMs),
                            "the requests after the sleeper waited >= 80% of the block: " + yes(p.async.laterOnesWaited(0.8 * p.blockMs))
                                    + " vs FastAPI " + yes(fastapi.async.laterOnesWaited(0.8 * fastapi.blockMs))));
        }

        @Override
        public Check better(Blocking fastapi, Blocking d) {
            return Check.all(Check.of(d.sync.waiters().isEmpty(), "/sync: nobody waited"),
                    Check.of(d.named() && !fastapi.named(), "the watchdog named GET /async (FastAPI reports nothing)"),
                    Check.of(d.async.waiters().size() <= fastapi.async.waiters().size(), "/async: " + d.async.waiters().size()
                            + " vs FastAPI " + fastapi.async.waiters().size() + " of " + (requests - 1) + " waited (no more)"));
        }

        private static String yes(boolean b) {
            return b ? "yes" : "no";
        }
    }

    /** One burst and what it shows. */
    private record Run(String path, List<Sample> samples, double blockMs) {
        long threads() {
            return Stats.distinctThreads(samples);
        }

        Sample blocker() {
            return samples.stream().filter(Sample::slept).findFirst().orElse(null);
        }

        /** Requests other than the blocker that took at least half the block: they waited for it. */
        List<Sample> waiters() {
            return samples.stream().filter(s -> !s.slept() && s.latencyMs() >= blockMs / 2).toList();
        }

        /** Every request counted after the blocker took nearly the whole block time. */
        boolean laterOnesWaited(double minMs) {
            Sample b = blocker();
            return b != null && samples.stream().filter(s -> s.count() > b.count()).allMatch(s -> s.latencyMs() >= minMs);
        }

        double slowestOther() {
            return samples.stream().filter(s -> !s.slept()).mapToDouble(Sample::latencyMs).max().orElse(0);
        }

        /** Waiters that had already run before the sleeper (lower count): their answers were held back. */
        long heldBack() {
            Sample b = blocker();
            return b == null ? 0 : waiters().stream().filter(s -> s.count() >= 0 && s.count() < b.count()).count();
        }

        String summary() {
            Sample b = blocker();
            return "GET " + path + " on " + threads() + " thread" + (threads() == 1 ? "" : "s")
                    + (b == null ? "" : ", #" + b.count() + " slept on " + b.threadKey())
                    + ", " + waiters().size() + " of " + (samples.size() - 1) + " others waited for it"
                    + (heldBack() == 0 ? "" : " (" + heldBack() + " of them had already run before it, "
                    + "but their answers left only after it)");
        }

        List<String> row(Setting setting, String watchdog) {
            Sample b = blocker();
            return List.of(setting.name(), "GET " + path, String.valueOf(threads()), b == null ? "?" : b.threadKey(),
                    waiters().size() + " of " + (samples.size() - 1), Lab.f0(slowestOther()) + " ms", watchdog);
        }

        Chart chart(Setting setting) {
            List<Bar> bars = new ArrayList<>();
            List<Sample> byCount = new ArrayList<>(samples);
            byCount.sort((a, c) -> Integer.compare(a.count() < 0 ? 999 : a.count(), c.count() < 0 ? 999 : c.count()));
            for (Sample s : byCount) {
                String note = Lab.f0(s.latencyMs()) + " ms" + (s.slept() ? " - sleeps (blocks its thread)"
                        : s.latencyMs() >= blockMs / 2 ? " - waited for the sleeping request" : "");
                String thread = s.threadKey() == null ? s.outcome() : s.threadKey();
                bars.add(new Bar("#" + (s.count() < 0 ? "?" : s.count()) + " GET " + path, s.startMs(), s.endMs(), thread, note));
            }
            return new Chart(setting.name() + " (" + setting.flags() + "): GET " + path, "thread that served it", bars);
        }
    }
}
