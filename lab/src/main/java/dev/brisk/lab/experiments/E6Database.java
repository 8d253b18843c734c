package dev.brisk.lab.experiments;

import dev.brisk.Brisk;
import dev.brisk.WorkerMode;
import dev.brisk.lab.load.LoadResult;
import dev.brisk.lab.load.LoadRun;
import dev.brisk.lab.load.LoadSpec;
import dev.brisk.lab.report.Section;
import dev.brisk.tfb.PgCluster;
import dev.brisk.tfb.SlowQueryApp;
import dev.brisk.tfb.SlowQueryApp.Shape;
import dev.brisk.watchdog.Stall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The seeds' question asked of a database: 200 concurrent requests whose query takes 50 ms
 * ({@code pg_sleep}), on a private PostgreSQL the lab starts. JDBC on a pool:40 worker lane (FastAPI's
 * {@code def} + a sync driver), JDBC on virtual threads with a small and a large connection pool, the
 * async driver on the loop, and JDBC called on the loop (the mistake the watchdog names). It shows the
 * limit the seeds never met: once threads are free, the connection pool decides the throughput.
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

    /** One way to run the route. */
    private record Case(String name, String flags, Shape shape, WorkerMode worker, int pool, int clients) {
        double ceiling() {
            int inFlight = shape == Shape.JDBC_ON_LOOP ? 1 : Math.min(pool, worker instanceof WorkerMode.Pool p ? p.threads() : pool);
            return inFlight / QUERY_SECONDS;
        }
    }

    private record Result(Case c, LoadResult load, String watchdog) {
        double rps() {
            return load.requestsPerSecond();
        }
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
        Duration measure = lab.scale().sleepSeconds() < 1 ? Duration.ofSeconds(2) : Duration.ofSeconds(3);
        quiet("com.zaxxer.hikari", "io.vertx", "org.postgresql");   // pool start/stop lines, five times over
        List<Case> cases = List.of(
                new Case("parity", "--worker pool:40, JDBC pool 40", Shape.JDBC_WORKER, WorkerMode.fastApiParity(), 40, CONCURRENCY),
                new Case("virtual, pool 10", "--worker virtual, JDBC pool 10 (HikariCP's default)", Shape.JDBC_WORKER,
                        WorkerMode.virtual(), 10, CONCURRENCY),
                new Case("default", "--worker virtual, JDBC pool 200", Shape.JDBC_WORKER, WorkerMode.virtual(), 200, CONCURRENCY),
                new Case("async", "loop route, Vert.x pg client, pool 200", Shape.ASYNC_LOOP, WorkerMode.virtual(), 200, CONCURRENCY),
                // 20 clients, not 200: with one query at a time each of 200 would wait 10 s
                new Case("JDBC on the loop", "loop route calling JDBC (the mistake), pool 200", Shape.JDBC_ON_LOOP,
                        WorkerMode.virtual(), 200, 20));
        List<Result> results = new ArrayList<>();
        String error = null;
        lab.progress("E6: starting a throwaway PostgreSQL");
        try (PgCluster pg = PgCluster.start(CONCURRENCY + 100)) {
            for (Case c : cases) results.add(measure(lab, pg, c, measure));
        } catch (RuntimeException e) {
            error = e instanceof LabException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        List<String> lines = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Result r : results) {
            lines.add(r.c.name + " (" + r.c.flags + "): " + Lab.f0(r.rps()) + " req/s (ceiling " + Lab.f0(r.c.ceiling())
                    + "), p50 " + Lab.f0(r.load.p50Millis()) + " ms" + (r.c.shape == Shape.JDBC_ON_LOOP ? "; watchdog: " + r.watchdog : ""));
            rows.add(List.of(r.c.name, r.c.flags, String.valueOf(r.c.clients), Lab.f0(r.rps()), Lab.f0(r.c.ceiling()),
                    Lab.f0(r.load.p50Millis()) + " ms", Lab.f0(r.load.p99Millis()) + " ms",
                    String.valueOf(r.load.errorCount() + r.load.statusClass(5)), r.watchdog));
        }
        Boolean reproduces = null;
        Boolean better = null;
        if (results.size() == cases.size()) {
            Result parity = results.get(0);
            Result small = results.get(1);
            Result big = results.get(2);
            Result async = results.get(3);
            Result mistake = results.get(4);
            double queryMs = QUERY_SECONDS * 1000;
            // FastAPI's shape: capped by 40 threads, requests queue in waves
            reproduces = parity.rps() <= 1.15 * parity.c.ceiling() && parity.load.p50Millis() >= 2 * queryMs;
            boolean poolLimitShows = small.rps() <= 1.15 * small.c.ceiling() && small.rps() < 0.5 * big.rps();
            // Brisk's default (virtual threads, pool sized to the concurrency) against FastAPI's shape; the async
            // driver is reported beside it, not judged: two single threads (Brisk's loop, Vert.x's) are the first
            // to starve on a machine busy with other work, which says nothing about the lanes
            better = big.rps() >= 1.5 * parity.rps() && poolLimitShows
                    && mistake.watchdog.contains("GET /query") && mistake.rps() <= 1.3 * mistake.c.ceiling();
            lines.add("the async driver on the loop, pool 200: " + Lab.f0(async.rps()) + " req/s ("
                    + Lab.f2(async.rps() / Math.max(1, parity.rps())) + " x the pool:40 lane)");
            lines.add("the pool is the second limit: virtual threads with 10 connections gave " + Lab.f0(small.rps())
                    + " req/s, with 200 connections " + Lab.f0(big.rps()) + " req/s (" + Lab.f2(big.rps() / Math.max(1, parity.rps()))
                    + " x the pool:40 lane)");
        }
        Section section = new Section("E6", title, SEED, lines, WHY,
                List.of("setting", "how", "clients", "req/s", "ceiling (in flight / 50 ms)", "p50", "p99", "errors", "watchdog"),
                rows, List.of());
        return new Outcome(section, reproduces, better, error);
    }

    private static Result measure(Lab lab, PgCluster pg, Case c, Duration measure) {
        lab.progress("E6 %s: %d clients x GET /query for %d s (%s)", c.name, c.clients, measure.toSeconds(), c.flags);
        List<Stall> stalls = new CopyOnWriteArrayList<>();
        Brisk app = SlowQueryApp.app(Target.quiet().loops(1).worker(c.worker).onStall(stalls::add), c.shape, pg.host(),
                pg.port(), c.pool, QUERY_SECONDS);
        try {
            app.start();
            String url = app.url() + "/query";
            // let the pool open its connections and the JIT warm up before measuring
            LoadRun.run(LoadSpec.builder(url).connections(c.clients).duration(Duration.ofMillis(c.shape == Shape.JDBC_ON_LOOP ? 300 : 800))
                    .timeout(Duration.ofSeconds(15)).build());
            LoadResult r = LoadRun.run(LoadSpec.builder(url).connections(c.clients)
                    .duration(c.shape == Shape.JDBC_ON_LOOP ? Duration.ofSeconds(2) : measure)
                    .timeout(Duration.ofSeconds(15)).build());
            if (r.statusClass(2) == 0) throw new LabException("E6 " + c.name + ": no request answered 200 (" + r.errorCount() + " errors)");
            String watchdog = "-";
            if (c.shape == Shape.JDBC_ON_LOOP) {
                long deadline = System.nanoTime() + 2_000_000_000L;
                while (stalls.isEmpty() && System.nanoTime() < deadline) sleep(20);
                watchdog = stalls.stream().filter(s -> "GET /query".equals(s.route())).findFirst().map(Stall::summary)
                        .orElse(stalls.isEmpty() ? "no stall reported" : stalls.get(0).summary());
            }
            return new Result(c, r, watchdog);
        } finally {
            app.stop();
        }
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
