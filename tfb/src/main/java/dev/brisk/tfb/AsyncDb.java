package dev.brisk.tfb;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The non-blocking flavour: Vert.x's reactive PostgreSQL client (the driver of TFB's leading Java
 * entries: it pipelines queries on each connection and parses rows without a thread per query).
 * It runs on a Vert.x event loop of its own ({@code ioThreads}, default 1); every stage returned here
 * completes on that thread, so Brisk routes hand it to {@code Request#adopt} to continue on their loop.
 */
public final class AsyncDb implements AutoCloseable {
    private static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = $1";
    private static final String UPDATE_WORLD = "UPDATE world SET randomnumber = $1 WHERE id = $2";

    private final Vertx vertx;
    private final SqlClient pool;
    private final int poolSize;

    /**
     * @param pipelined {@code true}: queries are pipelined over the pool's connections (TFB's way: a connection
     *     carries many queries in flight, so short queries need few connections); {@code false}: each query holds a
     *     connection of its own until it ends, as with JDBC or asyncpg (the lab's E6 measures that)
     */
    public AsyncDb(String host, int port, String database, String user, String password, int poolSize, int ioThreads,
                   boolean pipelined) {
        this.poolSize = poolSize;
        vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(ioThreads)
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        PgConnectOptions connect = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database)
                .setUser(user).setPassword(password).setCachePreparedStatements(true).setPipeliningLimit(256);
        PoolOptions options = new PoolOptions().setMaxSize(poolSize);
        pool = pipelined ? PgBuilder.client().with(options).connectingTo(connect).using(vertx).build()
                : PgBuilder.pool().with(options).connectingTo(connect).using(vertx).build();
    }

    public CompletionStage<World> world(int id) {
        return pool.preparedQuery(SELECT_WORLD).execute(Tuple.of(id)).map(AsyncDb::one).toCompletionStage();
    }

    /** {@code ids.length} rows, one query each, all sent at once (pipelined over the pool's connections). */
    public CompletionStage<List<World>> worlds(int[] ids) {
        return all(ids).toCompletionStage();
    }

    public CompletionStage<List<Fortune>> fortunes() {
        return pool.preparedQuery(Tfb.SELECT_FORTUNES).execute().map(rows -> {
            List<Fortune> out = new ArrayList<>(rows.size());
            for (Row r : rows) out.add(new Fortune(r.getInteger(0), r.getString(1)));
            return out;
        }).toCompletionStage();
    }

    /** Reads the rows one query each, then writes the new random numbers in one batch. */
    public CompletionStage<List<World>> update(int[] ids) {
        return all(ids).compose(read -> {
            List<World> changed = Tfb.changed(read);
            List<Tuple> batch = new ArrayList<>(changed.size());
            for (World w : changed) batch.add(Tuple.of(w.randomNumber(), w.id()));
            return pool.preparedQuery(UPDATE_WORLD).executeBatch(batch).map(done -> changed);
        }).toCompletionStage();
    }

    /** Every row, for the {@code /cached-queries} cache. */
    public CompletionStage<World[]> all() {
        return pool.query("SELECT id, randomnumber FROM world").execute().map(rows -> {
            World[] out = new World[Tfb.WORLD_ROWS + 1];
            for (Row r : rows) out[r.getInteger(0)] = new World(r.getInteger(0), r.getInteger(1));
            return out;
        }).toCompletionStage();
    }

    /** {@code SELECT pg_sleep(seconds)} (the lab's E6). */
    public CompletionStage<Void> sleep(double seconds) {
        return pool.preparedQuery("SELECT pg_sleep($1)").execute(Tuple.of(seconds)).<Void>mapEmpty().toCompletionStage();
    }

    public int poolSize() {
        return poolSize;
    }

    private Future<List<World>> all(int[] ids) {
        List<Future<World>> each = new ArrayList<>(ids.length);
        for (int id : ids) each.add(pool.preparedQuery(SELECT_WORLD).execute(Tuple.of(id)).map(AsyncDb::one));
        return Future.all(each).map(cf -> {
            List<World> out = new ArrayList<>(ids.length);
            for (int i = 0; i < ids.length; i++) out.add(cf.resultAt(i));
            return out;
        });
    }

    private static World one(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) throw new IllegalStateException("no such world row");
        Row r = it.next();
        return new World(r.getInteger(0), r.getInteger(1));
    }

    @Override
    public void close() {
        try {
            pool.close().await(5, TimeUnit.SECONDS);
            vertx.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
