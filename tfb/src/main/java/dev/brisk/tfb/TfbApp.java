package dev.brisk.tfb;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.templates.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TechEmpower's test types on Brisk: {@code /json}, {@code /plaintext}, {@code /db},
 * {@code /queries?queries=N}, {@code /fortunes}, {@code /updates?queries=N} and
 * {@code /cached-queries?count=N}, with the database routes in one of two idiomatic shapes:
 * <ul>
 *   <li>{@link Driver#JDBC}: plain {@code worker(...)} routes (virtual threads) calling pgjdbc through
 *       HikariCP — FastAPI's {@code def} route with a sync driver, minus the 40-thread limit;</li>
 *   <li>{@link Driver#ASYNC}: {@code loop(...)} routes using Vert.x's reactive PostgreSQL client, its
 *       connections on the same Brisk event loop as the request — FastAPI's {@code async def} with asyncpg.</li>
 * </ul>
 *
 * <pre>{@code
 * Brisk app = TfbApp.app(new BriskConfig().port(8080), TfbApp.Driver.JDBC, "127.0.0.1", 5432, 16);
 * app.start();
 * }</pre>
 */
public final class TfbApp {
    /** Which driver serves the database routes. */
    public enum Driver {
        JDBC, ASYNC;

        public static Driver parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** TFB's /json body. */
    public record Message(String message) {
    }

    private static final Message HELLO = new Message("Hello, World!");
    private static final Templates TEMPLATES = Templates.precompiled();

    private TfbApp() {
    }

    /**
     * The app against PostgreSQL at {@code host:port} (database {@code hello_world}): JDBC with a pool of
     * {@code poolSize} connections, or the async driver with {@code poolSize} pipelined connections per loop.
     */
    public static Brisk app(BriskConfig config, Driver driver, String host, int port, int poolSize) {
        return app(config, driver, host, port, poolSize, poolSize);
    }

    /**
     * The app with the two drivers sized apart: JDBC holds a connection per query in flight, so it needs a
     * pool ({@code poolSize}); the async driver pipelines, so TFB's Vert.x entries use one connection per
     * event loop ({@code pipelinedConnections}). The {@code /cached-queries} cache is filled here, before
     * the app starts.
     */
    public static Brisk app(BriskConfig config, Driver driver, String host, int port, int poolSize, int pipelinedConnections) {
        Brisk app = Brisk.create(config);
        app.get("/plaintext", loopSafe(req -> Response.text("Hello, World!")));
        app.get("/json", loopSafe(req -> HELLO));
        if (driver == Driver.JDBC) jdbc(app, host, port, poolSize);
        else async(app, host, port, pipelinedConnections);
        return app;
    }

    // Virtual threads, not a pool:N lane of platform threads: measured interleaved on one PostgreSQL
    // (benchmarks/tfb/run --interleave --servers brisk-jdbc,brisk-jdbc-pool, PROFILE.md), pool:16 cost
    // 1.27x the CPU per request on /db and 1.09x on /queries?queries=20, for 0.78x the req/s. So did
    // -Djdk.pollerMode=1 buy nothing (0.97x /db, 1.07x /queries): the JDK's default poller stays.
    private static void jdbc(Brisk app, String host, int port, int poolSize) {
        JdbcDb db = new JdbcDb("jdbc:postgresql://" + host + ":" + port + "/" + PgCluster.DATABASE,
                PgCluster.USER, PgCluster.PASSWORD, poolSize);
        app.onShutdown(db::close);
        World[] cache = load(db);
        cached(app, cache);
        // docs:begin jdbc
        app.get("/db", worker(req -> db.world(Tfb.randomId())));
        app.get("/queries", worker(req -> db.worlds(Tfb.randomIds(Tfb.count(req.queryParam("queries"))))));
        app.get("/updates", worker(req -> db.update(Tfb.randomIds(Tfb.count(req.queryParam("queries"))))));
        app.get("/fortunes", worker(req -> TEMPLATES.response("fortunes.jte", Tfb.withAddedAndSorted(db.fortunes()))));
        // docs:end
    }

    private static void async(Brisk app, String host, int port, int connectionsPerLoop) {
        // the driver runs on the loop that serves the request (as asyncpg does under uvicorn): see AsyncDb
        AsyncDb db = AsyncDb.onCallerLoops(host, port, connectionsPerLoop);
        app.onShutdown(db::close);
        World[] cache = db.all().toCompletableFuture().join();
        cached(app, cache);
        // docs:begin async
        app.get("/db", loop(req -> req.adopt(db.world(Tfb.randomId()))));
        app.get("/queries", loop(req -> req.adopt(db.worlds(Tfb.randomIds(Tfb.count(req.queryParam("queries")))))));
        app.get("/updates", loop(req -> req.adopt(db.update(Tfb.randomIds(Tfb.count(req.queryParam("queries")))))));
        // the template renders on Brisk's loop, after the rows arrive: CPU only, no I/O
        app.get("/fortunes", loop(req -> req.adopt(db.fortunes())
                .thenApply(rows -> TEMPLATES.response("fortunes.jte", Tfb.withAddedAndSorted(rows)))));
        // docs:end
    }

    // TFB's cached-queries: rows read once at start-up and served from memory (the table is static
    // for this test type), so an array indexed by id is the cache.
    private static void cached(Brisk app, World[] cache) {
        app.get("/cached-queries", loopSafe(req -> {
            int n = Tfb.count(req.queryParam("count"));
            List<World> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(cache[Tfb.randomId()]);
            return out;
        }));
    }

    private static World[] load(JdbcDb db) {
        try {
            return db.all();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot read the world table: " + e.getMessage(), e);
        }
    }
}
