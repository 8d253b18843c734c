package dev.brisk.lab.experiments;

import dev.brisk.Brisk;
import dev.brisk.WorkerMode;
import dev.brisk.lab.load.LoadResult;
import dev.brisk.lab.load.LoadRun;
import dev.brisk.lab.load.LoadSpec;
import dev.brisk.lab.report.Bar;
import dev.brisk.lab.report.Chart;
import dev.brisk.lab.report.Section;
import dev.brisk.tfb.PgCluster;
import dev.brisk.tfb.SlowQueryApp;
import dev.brisk.tfb.SlowQueryApp.Shape;
import dev.brisk.watchdog.Stall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The seeds' question asked of a database: 200 concurrent requests whose query takes 50 ms
 * ({@code pg_sleep}), on a private PostgreSQL the lab starts. FastAPI itself first, when Python has it
 * and its drivers: a {@code def} route with psycopg (sync) on AnyIO's 40 threads and 40 connections, and an
 * {@code async def} route with asyncpg and a pool of 200. Then Brisk: JDBC on a pool:40 worker lane (the
 * same shape as FastAPI's {@code def}), JDBC on virtual threads with a small and a large connection pool,
 * the async driver on the loop, and JDBC called on the loop (the mistake the watchdog names). It shows
 * the limit the seeds never met: once threads are free, the connection pool decides the throughput.
 * Each run ends with one burst of concurrent requests, drawn as a timeline coloured by the serving thread.
 */
final class E6Database implements Experiment {
    static final int CONCURRENCY = 200;
    static final double QUERY_SECONDS = 0.05;
    static final String SEED = "Not a seed post: the seeds asked sync-vs-async with sleep. With a database, FastAPI's def route "
            + "+ a sync driver runs in AnyIO's 40-thread pool, so 200 concurrent 50 ms queries go in waves of 40 "
            + "(at most 40 / 0.05 s = 800 req/s); async def + asyncpg holds no thread, but each running query still holds "
            + "one connection; a sync driver called inside async def freezes the loop, silently.";
    static final String WHY = "Little's law: queries in flight = throughput x query time. A request holds a connection for its "
            + "whole query, so a pool of P connections caps throughput at P / 0.05 s whatever the threads (10 -> 200 req/s, "
            + "40 -> 800 req/s), and the others wait for a connection, not a thread. Size the pool to the concurrent queries "
            + "you want to serve (here 200), within PostgreSQL's max_connections (100 by default, the sum over every app "
            + "process; beyond it put PgBouncer in front); past that, cap concurrency (--limit-concurrency) so the excess "
            + "gets a 503 at once instead of a 30 s wait for a connection.";
    static final String DRIVERS = "apt-get install python3-psycopg python3-asyncpg";
    /** FastAPI's def + sync driver, sized as FastAPI users are told: one connection per AnyIO worker thread. */
    static final FastApiVariant DEF_PSYCOPG = new FastApiVariant("FastAPI def+psycopg",
            "def + psycopg 3 on AnyIO's 40 threads, 40 connections (one per thread)",
            Map.of("SEED_DB_SYNC_POOL", "40", "SEED_DB_ASYNC_POOL", "0"), true, true);
    /** FastAPI's async def + asyncpg, with the pool Brisk's default and async rows get: sized to the concurrency. */
    static final FastApiVariant ASYNCPG = new FastApiVariant("FastAPI async+asyncpg",
            "async def + asyncpg, pool 200 (as Brisk's default and async rows)",
            Map.of("SEED_DB_SYNC_POOL", "0", "SEED_DB_ASYNC_POOL", String.valueOf(CONCURRENCY)), false, false);

    /** One way to run the route: Brisk in-process ({@code shape} set) or FastAPI under uvicorn ({@code fastapi} set). */
    record Case(String name, String flags, Shape shape, WorkerMode worker, int pool, int clients, int inFlight,
                FastApiVariant fastapi, String path) {
        static Case brisk(String name, String flags, Shape shape, WorkerMode worker, int pool, int clients) {
            int threads = worker instanceof WorkerMode.Pool p ? p.threads() : Integer.MAX_VALUE;
            return new Case(name, flags, shape, worker, pool, clients, shape == Shape.JDBC_ON_LOOP ? 1 : Math.min(pool, threads),
                    null, "/query");
        }

        static Case fastapi(FastApiVariant v, String describe, String path, int inFlight) {
            return new Case(v.name(), Setting.fastapi(v, describe).flags(), null, null, inFlight, CONCURRENCY, inFlight, v,
                    path + "?seconds=" + QUERY_SECONDS);
        }

        double ceiling() {
            return inFlight / QUERY_SECONDS;
        }

        boolean mistake() {
            return shape == Shape.JDBC_ON_LOOP;
        }

        String route() {
            int q = path.indexOf('?');
            return "GET " + (q < 0 ? path : path.substring(0, q));
        }
    }

    /** The closed-loop load run's figures, then one burst of {@code clients} requests at once for the timeline. */
    record Result(Case c, LoadResult load, String watchdog, List<Sample> burst) {
        double rps() {
            return load.requestsPerSecond();
        }

        double p50() {
            return load.p50Millis();
        }

        /**
         * Mean latency: with {@code clients} in a closed loop it is clients / req/s (Little's law), so it shows the
         * waiting whoever was served first; p50 does not (FastAPI's def row serves some connections far sooner than others).
         */
        double mean() {
            return load.meanMillis();
        }

        long threads() {
            return Stats.distinctThreads(burst);
        }
    }

    /** How long to warm up and measure: shorter with --quick. */
    private record Timing(Duration warm, Duration measure) {}

    /** FastAPI's rows, run by {@code describe} (uvicorn, Python ...). */
    static List<Case> fastapiCases(String describe) {
        return List.of(Case.fastapi(DEF_PSYCOPG, describe, "/query/sync", 40),
                Case.fastapi(ASYNCPG, describe, "/query/async", CONCURRENCY));
    }

    /** Brisk's rows, in the order they are run and printed. */
    static List<Case> briskCases() {
        return List.of(
                Case.brisk("parity", "--worker pool:40, JDBC pool 40", Shape.JDBC_WORKER, WorkerMode.fastApiParity(), 40, CONCURRENCY),
                Case.brisk("virtual, pool 10", "--worker virtual, JDBC pool 10 (HikariCP's default)", Shape.JDBC_WORKER,
                        WorkerMode.virtual(), 10, CONCURRENCY),
                Case.brisk("default", "--worker virtual, JDBC pool 200", Shape.JDBC_WORKER, WorkerMode.virtual(), 200, CONCURRENCY),
                Case.brisk("async", "loop route, Vert.x pg client, pool 200", Shape.ASYNC_LOOP, WorkerMode.virtual(), 200, CONCURRENCY),
                // 20 clients, not 200: with one query at a time each of 200 would wait 10 s; a pool as large as
                // its clients (the loop runs one query at a time whatever the pool), not 200 more backends to open
                Case.brisk("JDBC on the loop", "loop route calling JDBC (the mistake), pool 20", Shape.JDBC_ON_LOOP,
                        WorkerMode.virtual(), 20, 20));
    }

    @Override
    public String id() {
        return "E6";
    }

    @Override
    public Outcome run(Lab lab) {
        String title = CONCURRENCY + " concurrent requests whose query takes " + (int) (QUERY_SECONDS * 1000)
                + " ms (pg_sleep) on PostgreSQL: worker lane vs loop, and the connection pool";
        if (lab.remote()) return skipped("E6 needs the PostgreSQL the lab starts itself; not run with --url");
        String reason = PgCluster.unavailable().orElse(null);
        if (reason != null) return skipped(reason);
        boolean quick = lab.scale().sleepSeconds() < 1;
        Timing timing = quick ? new Timing(Duration.ofMillis(300), Duration.ofMillis(1500))
                : new Timing(Duration.ofMillis(500), Duration.ofMillis(2500));
        quiet("com.zaxxer.hikari", "io.vertx", "org.postgresql");   // pool start/stop lines, five times over
        List<String> lines = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        if (lab.measuresFastApi()) {
            String missing = lab.fastapi().cannotImport("psycopg", "asyncpg").orElse(null);
            if (missing == null) {
                cases.addAll(fastapiCases(lab.fastapi().describe()));
            } else {
                lines.add("no FastAPI rows: " + missing + "; to measure them: " + DRIVERS);
                lab.progress("E6: no FastAPI rows (%s)", missing);
            }
        }
        cases.addAll(briskCases());
        Map<String, Result> results = new LinkedHashMap<>();
        String error = null;
        lab.progress("E6: starting a throwaway PostgreSQL");
        try (PgCluster pg = PgCluster.start(CONCURRENCY + 100)) {
            for (Case c : cases) {
                try {
                    results.put(c.name, c.fastapi != null ? measureFastApi(lab, pg, c, timing) : measureBrisk(lab, pg, c, timing));
                } catch (RuntimeException e) {   // one setting failed: say so, and measure the others all the same
                    String why = e instanceof LabException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (error == null) error = why;
                    lines.add(c.name + " did not run: " + why);
                }
            }
        } catch (RuntimeException e) {
            error = e instanceof LabException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<List<String>> rows = new ArrayList<>();
        List<Chart> charts = new ArrayList<>();
        for (Result r : results.values()) {
            lines.add(r.c.name + " (" + r.c.flags + "): " + Lab.f0(r.rps()) + " req/s (ceiling " + Lab.f0(r.c.ceiling())
                    + "), p50 " + Lab.f0(r.p50()) + " ms, a burst of " + r.burst.size() + " served by " + r.threads() + " thread"
                    + (r.threads() == 1 ? "" : "s") + (r.c.mistake() ? "; watchdog: " + r.watchdog : ""));
            // FastAPI's how: what differs between its rows (what runs it is in the finding line above)
            rows.add(List.of(r.c.name, r.c.fastapi != null ? r.c.fastapi.note() : r.c.flags, String.valueOf(r.c.clients), Lab.f0(r.rps()), Lab.f0(r.c.ceiling()),
                    Lab.f0(r.p50()) + " ms", Lab.f0(r.load.p99Millis()) + " ms",
                    String.valueOf(r.load.errorCount() + r.load.statusClass(5)), String.valueOf(r.threads()), r.watchdog));
            charts.add(chart(r));
        }
        E6Rules.Verdicts v = E6Rules.judge(results, lines);
        Section section = new Section("E6", title, SEED, lines, WHY,
                List.of("setting", "how", "clients", "req/s", "ceiling (in flight / 50 ms)", "p50", "p99", "errors",
                        "threads (burst)", "watchdog"),
                rows, charts);
        return new Outcome(section, v.reproduces(), v.better(), error, v.fastapiAsExpected(), v.matches());
    }

    private static Result measureBrisk(Lab lab, PgCluster pg, Case c, Timing timing) {
        lab.progress("E6 %s: starting Brisk (%s)", c.name, c.flags);
        List<Stall> stalls = new CopyOnWriteArrayList<>();
        Brisk app = SlowQueryApp.app(Target.quiet().loops(1).worker(c.worker).onStall(stalls::add), c.shape, pg.host(),
                pg.port(), c.pool, QUERY_SECONDS);
        try {
            app.start();
            return load(lab, c, app.url(), timing, stalls);
        } finally {
            app.stop();
        }
    }

    /** The bundled app under uvicorn, its routes pointed at the lab's PostgreSQL; a fresh process per row. */
    private static Result measureFastApi(Lab lab, PgCluster pg, Case c, Timing timing) {
        lab.progress("E6 %s: starting FastAPI (%s)", c.name, c.fastapi.note());
        Map<String, String> env = new HashMap<>(c.fastapi.env());
        env.put("SEED_DATABASE_URL", "postgresql://" + PgCluster.USER + ":" + PgCluster.PASSWORD + "@" + pg.host() + ":"
                + pg.port() + "/" + PgCluster.DATABASE);
        try (FastApiServer server = lab.fastapi().start(env)) {
            return load(lab, c, server.url(), timing, null);
        }
    }

    private static Result load(Lab lab, Case c, String base, Timing timing, List<Stall> stalls) {
        String url = base + c.path;
        // the mistake serves one query at a time: 2 s of it say all there is to say
        Duration measure = c.mistake() && timing.measure.toMillis() > 2000 ? Duration.ofSeconds(2) : timing.measure;
        lab.progress("E6 %s: %d clients x %s for %.1f s", c.name, c.clients, c.route(), measure.toMillis() / 1000.0);
        // unmeasured: every client's request at once, answered, so that the pool has opened its connections (the
        // async drivers open them on demand: 200 PostgreSQL backends to fork, seconds on a busy machine) before
        // the clock starts; then a timed run warms the JIT. The mistake serves one at a time: the timed run only.
        if (!c.mistake()) Http.burst(base, Collections.nCopies(c.clients, c.path), Duration.ofSeconds(30));
        LoadRun.run(LoadSpec.builder(url).connections(c.clients).duration(c.mistake() ? Duration.ofMillis(300) : timing.warm)
                .timeout(Duration.ofSeconds(15)).build());
        LoadResult r = LoadRun.run(LoadSpec.builder(url).connections(c.clients).duration(measure)
                .timeout(Duration.ofSeconds(15)).build());
        if (r.statusClass(2) == 0) {
            throw new LabException("E6 " + c.name + ": no request answered 200 in " + measure.toMillis() + " ms (" + r.errorCount()
                    + " errors, " + r.unfinished() + " still waiting)");
        }
        // the timeline: all clients' requests sent at once, each on a new connection, as in E1-E5
        List<Sample> burst = Http.burst(base, Collections.nCopies(c.clients, c.path), Duration.ofSeconds(15));
        Stats.requireSomeOk(burst, "E6 " + c.name + " " + c.route());
        String watchdog = "-";
        if (c.mistake()) {
            long deadline = System.nanoTime() + 2_000_000_000L;
            // a busy machine may also report the loop as not scheduled: wait for the stall that names the route
            while (stalls.stream().noneMatch(s -> "GET /query".equals(s.route())) && System.nanoTime() < deadline) sleep(20);
            watchdog = stalls.stream().filter(s -> "GET /query".equals(s.route())).findFirst().map(Stall::summary)
                    .orElse(stalls.isEmpty() ? "no stall reported" : stalls.get(0).summary());
        }
        return new Result(c, r, watchdog, burst);
    }

    /** Sorted by answer time: waves of 40 show as steps, one wave as a single block; coloured by the serving thread. */
    private static Chart chart(Result r) {
        List<Sample> byEnd = new ArrayList<>(r.burst);
        byEnd.sort(Comparator.comparingDouble(Sample::endMs));
        List<Bar> bars = new ArrayList<>();
        for (Sample s : byEnd) {
            String key = s.ok() && s.threadKey() != null ? s.threadKey() : s.outcome();
            bars.add(new Bar(r.c.route(), s.startMs(), s.endMs(), key, Lab.f0(s.latencyMs()) + " ms"));
        }
        return new Chart(r.c.name + " (" + r.c.flags + "): " + r.burst.size() + " x " + r.c.route() + " at once (sorted by answer time)",
                "thread that served it", bars);
    }

    private Outcome skipped(String reason) {
        return new Outcome(new Section("E6", "skipped: " + reason, "", List.of("E6 skipped: " + reason), "", List.of(),
                List.of(), List.of()), null, null, null);
    }

    // The lab's own QuietLogs is for Brisk's loggers; the database clients' INFO lines are noise here too.
    private static void quiet(String... names) {
        for (String name : names) {
            if (org.slf4j.LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger l) {
                l.setLevel(ch.qos.logback.classic.Level.WARN);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
