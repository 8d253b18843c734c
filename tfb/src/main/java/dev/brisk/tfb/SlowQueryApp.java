package dev.brisk.tfb;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.util.Map;

/**
 * The lab's E6 app: one route, {@code GET /query}, whose database query takes {@code seconds}
 * ({@code SELECT pg_sleep(s)}), written in one of the ways a FastAPI user would meet it.
 *
 * <pre>{@code
 * Brisk app = SlowQueryApp.app(new BriskConfig().loops(1), SlowQueryApp.Shape.JDBC_WORKER, "127.0.0.1", port, 200, 0.05);
 * }</pre>
 */
public final class SlowQueryApp {
    /** How the route calls the database. */
    public enum Shape {
        /** JDBC in a worker route: FastAPI's {@code def} with a sync driver (on a pool:40 lane or virtual threads). */
        JDBC_WORKER,
        /** The async driver in a loop route: FastAPI's {@code async def} with asyncpg. */
        ASYNC_LOOP,
        /** The mistake: JDBC called on the event loop (FastAPI's {@code async def} calling a sync driver). */
        JDBC_ON_LOOP
    }

    private SlowQueryApp() {
    }

    public static Brisk app(BriskConfig config, Shape shape, String host, int port, int poolSize, double seconds) {
        Brisk app = Brisk.create(config);
        switch (shape) {
            case JDBC_WORKER, JDBC_ON_LOOP -> {
                JdbcDb db = new JdbcDb("jdbc:postgresql://" + host + ":" + port + "/" + PgCluster.DATABASE,
                        PgCluster.USER, PgCluster.PASSWORD, poolSize);
                app.onShutdown(db::close);
                if (shape == Shape.JDBC_WORKER) {
                    app.get("/query", worker(req -> {
                        db.sleep(seconds);
                        return answer(seconds);
                    }));
                } else {
                    app.get("/query", loopSafe(req -> {   // wrong on purpose: a blocking driver on the loop
                        db.sleep(seconds);
                        return answer(seconds);
                    }));
                }
            }
            case ASYNC_LOOP -> {
                AsyncDb db = new AsyncDb(host, port, PgCluster.DATABASE, PgCluster.USER, PgCluster.PASSWORD, poolSize, 1, false);
                app.onShutdown(db::close);
                app.get("/query", loop(req -> req.adopt(db.sleep(seconds)).thenApply(v -> answer(seconds))));
            }
            default -> throw new IllegalArgumentException(String.valueOf(shape));
        }
        return app;
    }

    /**
     * What the query's answer says: the seconds, and the thread that finished the request, as the seed
     * routes report it ({@code thread_name}, {@code thread_id}), so the lab can colour its timelines by thread
     * (the async route's continuation runs on the request's event loop, through {@code adopt}).
     */
    private static Map<String, Object> answer(double seconds) {
        Thread t = Thread.currentThread();
        return Map.of("slept", seconds, "thread_id", t.threadId(), "thread_name", t.getName().isEmpty() ? t.toString() : t.getName());
    }
}
