package dev.brisk.lab.experiments;

import dev.brisk.examples.seed.SeedApp;
import dev.brisk.lab.report.Bar;
import dev.brisk.lab.report.Chart;
import dev.brisk.lab.report.Section;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Seed 002: heavy CPU work inside a loop handler vs offloaded to a pool, with {@code /ping} probing the loop meanwhile. */
final class E3Cpu implements Experiment {
    static final String SEED = "FastAPI: heavy helper functions called from an async def route froze the whole app while they "
            + "ran; moving them to loop.run_in_executor(ThreadPoolExecutor(10), fn) kept the other APIs responsive. "
            + "(The post gives no timings.)";
    static final String WHY = "/cpu/inline computes on the event loop, so /ping on that loop waits until it is done; "
            + "/cpu/offload computes on the CPU pool (one thread per core, truly parallel: Java has no GIL) and resumes on "
            + "the loop, which stays free for /ping. No setting makes inline CPU work safe; the watchdog names the route.";
    private static final Duration PING_EVERY = Duration.ofMillis(10);

    @Override
    public String id() {
        return "E3";
    }

    @Override
    public Outcome run(Lab lab) {
        Scale scale = lab.scale();
        Findings<Frozen> found = Findings.eachSetting(lab, (setting, target, f) -> {
            target.settle(lab);
            int n = calibrate(lab, target);
            Probe inline = measure(lab, target, "/cpu/inline", n, f.rows, f.charts);
            Probe offload = measure(lab, target, "/cpu/offload", n, f.rows, f.charts);
            long named = target.stalls().stream().filter(s -> "GET /cpu/inline".equals(s.route())).count();
            f.lines.add(setting.name() + " (" + setting.flags() + "): fib(" + n + ") x " + scale.cpuRequests()
                    + "; /ping worst " + Lab.f0(inline.pingMax()) + " ms with /cpu/inline vs "
                    + Lab.f0(offload.pingMax()) + " ms with /cpu/offload"
                    + (setting.isFastApi() ? "; nothing reported (FastAPI has no watchdog)"
                    : setting.isRemote() ? "" : "; watchdog: " + named + " stalls by GET /cpu/inline " + kinds(target)));
            return new Frozen(inline, offload, named);
        });
        return found.outcome(new Rules(scale.cpuMillis()), f -> new Section("E3", scale.cpuRequests() + " concurrent CPU-heavy requests (~" + scale.cpuMillis()
                + " ms each), computed inline on the loop vs offloaded; GET /ping every " + PING_EVERY.toMillis()
                + " ms meanwhile (seed 002)", SEED, f.lines, WHY,
                List.of("setting", "route", "CPU requests done after", "pings", "ping p50", "ping p90", "ping worst"),
                f.rows, f.charts));
    }

    /**
     * Finds the fib argument whose run takes about {@code cpuMillis} on this target (Java and Python
     * differ ~50x). In-process it times {@link SeedApp#fib} directly, after warming the JIT; a remote
     * server is timed over HTTP, best of three, minus a /ping round trip.
     */
    private static int calibrate(Lab lab, Target target) {
        lab.progress("E3 %s: calibrating the CPU work to ~%d ms", target.setting().name(), lab.scale().cpuMillis());
        boolean local = !target.setting().isRemote();
        double base = local ? 0 : best(() -> time(target, "/ping"));
        if (local) { // let the JIT compile fib fully before timing it: the server's copy runs compiled too
            long warm = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < warm) SeedApp.fib(24);
        }
        int n = 20;
        double ms = 0;
        while (n < 45) {
            int k = n;
            ms = best(() -> local ? timeLocal(k) : time(target, "/cpu/offload?n=" + k) - base);
            if (ms >= 20) break;
            n += 2;
        }
        double steps = Math.log(lab.scale().cpuMillis() / Math.max(ms, 1)) / Math.log(1.618);
        return Math.max(20, Math.min(45, n + (int) Math.round(steps)));
    }

    private static double best(java.util.function.DoubleSupplier run) {
        return Math.min(run.getAsDouble(), Math.min(run.getAsDouble(), run.getAsDouble()));
    }

    private static double timeLocal(int n) {
        long t0 = System.nanoTime();
        if (SeedApp.fib(n) < 0) throw new IllegalStateException("fib overflow");
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double time(Target target, String path) {
        Sample s = Http.burst(target.url(), List.of(path), Duration.ofSeconds(30)).get(0);
        Stats.requireSomeOk(List.of(s), "GET " + path);
        return s.latencyMs();
    }

    private static Probe measure(Lab lab, Target target, String route, int n, List<List<String>> rows, List<Chart> charts) {
        Scale scale = lab.scale();
        lab.progress("E3 %s: %d x GET %s?n=%d while pinging", target.setting().name(), scale.cpuRequests(), route, n);
        HttpClient pingClient = Http.client();
        try {
            long t0 = System.nanoTime();
            List<Sample> pings = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<List<Sample>> cpu = CompletableFuture.supplyAsync(() -> {
                sleep(50); // pings first, so the chart shows the loop answering before the work arrives
                return Http.burst(target.url(), Collections.nCopies(scale.cpuRequests(), route + "?n=" + n),
                        Duration.ofSeconds(60));
            });
            int i = 0;
            while (!cpu.isDone() || Http.ms(t0) < 150) {
                pings.add(Http.send(pingClient, target.url(), "/ping", i++, Duration.ofSeconds(60), t0).join());
                sleep(PING_EVERY.toMillis());
                if (Http.ms(t0) > 120_000) throw new LabException("GET " + route + " did not finish within 120 s");
            }
            List<Sample> work = cpu.join();
            Stats.requireSomeOk(work, "GET " + route);
            Stats.requireSomeOk(pings, "GET /ping");
            // the CPU requests were sent 50 ms after t0 on their own clock; shift them onto the pings' clock
            double shift = 50;
            Probe probe = new Probe(work, pings);
            rows.add(List.of(target.setting().name(), "GET " + route, Lab.f0(Stats.wallMs(work) + shift) + " ms",
                    String.valueOf(pings.size()), Lab.f0(Stats.percentile(pings, 50)) + " ms",
                    Lab.f0(probe.pingP90()) + " ms", Lab.f0(probe.pingMax()) + " ms"));
            List<Bar> bars = new ArrayList<>();
            for (Sample s : work) {
                bars.add(new Bar("GET " + route, s.startMs() + shift, s.endMs() + shift, "GET " + route,
                        Lab.f0(s.latencyMs()) + " ms"));
            }
            for (Sample s : pings) {
                bars.add(new Bar("GET /ping", s.startMs(), s.endMs(), "GET /ping", s.latencyMs() >= 50 ? Lab.f0(s.latencyMs()) + " ms" : ""));
            }
            charts.add(new Chart(target.setting().name() + " (" + target.setting().flags() + "): GET " + route
                    + " with /ping probing", "request", bars));
            return probe;
        } finally {
            pingClient.shutdownNow();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted");
        }
    }

    /** What one setting showed: /ping under inline and offloaded work, and the watchdog's stalls by /cpu/inline. */
    private record Frozen(Probe inline, Probe offload, long named) {
        boolean froze(int cpuMillis) {
            return inline.pingMax() >= 0.5 * cpuMillis;
        }

        boolean freed() {
            return offload.pingP90() < inline.pingMax() / 2;
        }

        String says(int cpuMillis) {
            return "/ping worst " + Lab.f0(inline.pingMax()) + " ms with /cpu/inline (froze: >= half the " + cpuMillis
                    + " ms of CPU), p90 " + Lab.f0(offload.pingP90()) + " ms with /cpu/offload (freed: < half that)";
        }
    }

    /** Compared: how long /ping waited while the work ran inline and offloaded, and whether anything named the route. */
    private record Rules(int cpuMillis) implements Findings.Rules<Frozen> {
        @Override
        public Check seed(Frozen f) {
            return Check.of(f.froze(cpuMillis) && f.freed(), f.says(cpuMillis) + " (seed: inline froze the app, offload did not)");
        }

        @Override
        public Check improvedOnSeed(Frozen d) {
            return Check.all(Check.of(d.freed(), d.says(cpuMillis)), Check.of(d.named > 0, "the watchdog named GET /cpu/inline"));
        }

        @Override
        public Check matches(Frozen fastapi, Frozen p) {
            return Check.all(
                    Check.of(p.froze(cpuMillis) == fastapi.froze(cpuMillis), "inline froze /ping: " + yes(p.froze(cpuMillis))
                            + " (" + Lab.f0(p.inline.pingMax()) + " ms) vs FastAPI " + yes(fastapi.froze(cpuMillis)) + " ("
                            + Lab.f0(fastapi.inline.pingMax()) + " ms; frozen = worst >= half the " + cpuMillis + " ms of CPU)"),
                    Check.of(p.freed() == fastapi.freed(), "offload freed it: " + yes(p.freed()) + " (p90 " + Lab.f0(p.offload.pingP90())
                            + " ms) vs FastAPI " + yes(fastapi.freed()) + " (" + Lab.f0(fastapi.offload.pingP90())
                            + " ms; freed = p90 < half the inline worst)"));
        }

        @Override
        public Check better(Frozen fastapi, Frozen d) {
            return Check.all(Check.of(d.freed(), "offload freed /ping: p90 " + Lab.f0(d.offload.pingP90()) + " ms vs FastAPI "
                            + Lab.f0(fastapi.offload.pingP90()) + " ms"),
                    Check.of(d.named > 0, "the watchdog named GET /cpu/inline (" + d.named + " stalls; FastAPI reports nothing)"),
                    Check.of(true, "offloaded work all done after " + Lab.f0(d.offload.workMs()) + " ms vs FastAPI "
                            + Lab.f0(fastapi.offload.workMs()) + " ms (not judged: shown for the record)"));
        }

        private static String yes(boolean b) {
            return b ? "yes" : "no";
        }
    }

    private record Probe(List<Sample> work, List<Sample> pings) {
        double workMs() {
            return Stats.wallMs(work) + 50;
        }

        double pingMax() {
            return Stats.percentile(pings, 100);
        }

        double pingP90() {
            return Stats.percentile(pings, 90);
        }
    }

    /** The stalls' kinds, e.g. {@code (busy 3, starved 1)}: the watchdog tells computing from an overloaded machine. */
    private static String kinds(Target target) {
        var byKind = new java.util.TreeMap<String, Long>();
        for (var s : target.stalls()) byKind.merge(s.cause().label(), 1L, Long::sum);
        return byKind.toString().replace('{', '(').replace('}', ')').replace('=', ' ');
    }
}
