package dev.brisk.lab.experiments;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.examples.seed.SeedApp;
import dev.brisk.examples.seed.SeedOptions;
import dev.brisk.examples.upstream.UpstreamApp;
import dev.brisk.watchdog.Stall;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A seed-contract server to experiment on: the seed app and its slow upstream started in-process on
 * free ports in a given {@link Setting}, the FastAPI seed app under uvicorn beside the same in-process
 * upstream, or a server at {@code --url}. Closing stops what it started, the upstream first so that a
 * loop still stuck in blocking upstream calls fails fast and drains.
 */
final class Target implements AutoCloseable {
    private final Setting setting;
    private String url;
    private final Brisk seed;
    private final Brisk upstream;
    private FastApiServer fastapi;
    private final List<Stall> stalls;
    private Map<String, String> env = Map.of();

    private Target(Setting setting, String url, Brisk seed, Brisk upstream, FastApiServer fastapi, List<Stall> stalls) {
        this.setting = setting;
        this.url = url;
        this.seed = seed;
        this.upstream = upstream;
        this.fastapi = fastapi;
        this.stalls = stalls;
    }

    static Target start(Lab lab, Setting setting) {
        Scale scale = lab.scale();
        if (setting.isFastApi()) return startFastApi(lab, setting);
        if (setting.isRemote()) {
            Http.burst(setting.flags(), java.util.Collections.nCopies(20, "/ping"), Duration.ofSeconds(10)); // warm-up
            return new Target(setting, setting.flags(), null, null, null, List.of());
        }
        lab.progress("starting Brisk (%s: %s) and the upstream", setting.name(), setting.flags());
        Brisk upstream = UpstreamApp.create(quiet());
        upstream.start();
        List<Stall> stalls = new CopyOnWriteArrayList<>();
        BriskConfig config = quiet().loops(setting.loops()).worker(setting.worker()).onStall(stalls::add);
        SeedOptions options = SeedOptions.defaults()
                .withUpstream(upstream.url())
                .withBlock(scale.blockSeconds(), 5)
                .withSleep(scale.sleepSeconds());
        Brisk seed = SeedApp.create(config, options);
        try {
            seed.start();
        } catch (RuntimeException e) {
            upstream.stop();
            throw e;
        }
        // Warm up connections and the JIT so that the first measured burst is not the slowest for no reason.
        Http.burst(seed.url(), java.util.Collections.nCopies(20, "/ping"), Duration.ofSeconds(10));
        return new Target(setting, seed.url(), seed, upstream, null, stalls);
    }

    /** FastAPI gets the same upstream (Brisk's, in-process) and the same durations as Brisk's settings. */
    private static Target startFastApi(Lab lab, Setting setting) {
        Scale scale = lab.scale();
        lab.progress("starting FastAPI (%s) and the upstream", setting.flags());
        Brisk upstream = UpstreamApp.create(quiet());
        upstream.start();
        Map<String, String> env = new HashMap<>(setting.fastapi().env());
        env.put("SEED_UPSTREAM", upstream.url());
        env.put("SEED_BLOCK_SECONDS", String.valueOf(scale.blockSeconds()));
        env.put("SEED_BLOCK_ON", "5");
        env.put("SEED_SLEEP_SECONDS", String.valueOf(scale.sleepSeconds()));
        FastApiServer server;
        try {
            server = lab.fastapi().start(env);
        } catch (RuntimeException e) {
            upstream.stop();
            throw e;
        }
        Http.burst(server.url(), java.util.Collections.nCopies(20, "/ping"), Duration.ofSeconds(10)); // warm-up
        Target target = new Target(setting, server.url(), null, upstream, server, List.of());
        target.env = env;
        return target;
    }

    /** Port 0, no access log, a short shutdown: the lab starts and stops many servers. */
    static BriskConfig quiet() {
        return new BriskConfig().port(0).accessLog(false).shutdownTimeout(Duration.ofSeconds(2));
    }

    Setting setting() {
        return setting;
    }

    String url() {
        return url;
    }

    /** Stalls the watchdog reported so far (none for a server in another process: we cannot see its watchdog). */
    List<Stall> stalls() {
        return List.copyOf(stalls);
    }

    /**
     * A server we did not start may still be working off an earlier experiment's backlog (after E2,
     * a blocked loop runs every queued /http/async/sync call even though its clients gave up): wait
     * until /ping answers promptly again, so that one experiment's aftermath is not measured as the next one's.
     */
    void settle(Lab lab) {
        if (!setting.isRemote()) return;
        // Python keeps running every abandoned request (uvicorn does not cancel a def handler whose client left),
        // which can take a minute after E2's timeouts: a FastAPI we started is restarted instead of waited for.
        long deadline = System.nanoTime() + (setting.isFastApi() ? 5_000_000_000L : 120_000_000_000L);
        boolean told = false;
        while (System.nanoTime() < deadline) {
            Sample s = Http.burst(url, List.of("/ping"), Duration.ofSeconds(2)).get(0);
            if (s.ok() && s.latencyMs() < 200) return;
            if (s.error() != null && !s.timedOut()) throw new LabException("lost " + url + ": " + s.error());
            if (!told) lab.progress("waiting for %s to finish earlier work (/ping took %.0f ms)", url, s.latencyMs());
            told = true;
        }
        if (setting.isFastApi()) {
            lab.progress("FastAPI is still working off abandoned requests: restarting it");
            fastapi.close();
            fastapi = lab.fastapi().start(env);
            url = fastapi.url();
            return;
        }
        throw new LabException(url + " stayed busy for 2 minutes after the previous experiment");
    }

    /** Resets seed 000's request counters so the next burst's 5th request blocks again. */
    void reset() {
        List<Sample> r = Http.burst(url, List.of("/reset"), Duration.ofSeconds(5));
        Sample s = r.get(0);
        if (!s.ok()) throw new LabException(url + "/reset answered " + s.outcome() + ": is this a seed-contract server?");
    }

    /**
     * Waits up to a second for the watchdog to report a stall by {@code route} (it reports a loop
     * stall when the loop gets free again) and returns its summary.
     */
    String awaitStall(String route) {
        if (setting.isFastApi()) return "nothing reported (FastAPI has no watchdog)";
        if (setting.isRemote()) return "not visible (remote server)";
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (Stall s : stalls) if (route.equals(s.route())) return s.summary();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return "no stall reported";
    }

    /** Stops the upstream now, so that a loop stuck in blocking calls to it fails fast, frees itself and gets reported. */
    void stopUpstream() {
        if (upstream != null) upstream.stop();
    }

    @Override
    public void close() {
        if (upstream != null) upstream.stop();
        if (seed != null) seed.stop();
        if (fastapi != null) fastapi.close();
    }
}
