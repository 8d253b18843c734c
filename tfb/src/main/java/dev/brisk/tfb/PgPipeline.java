package dev.brisk.tfb;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.impl.SqlClientInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * TFB's way of using Vert.x's reactive PostgreSQL client: a few connections bound to <b>one</b> event
 * loop (one Vert.x context), each pipelining many queries, prepared statements cached per connection.
 * Both async servers use it the same way — {@link VertxTfbServer} on its verticle's loop, {@link AsyncDb}
 * on Brisk's own loop — so the comparison is about the servers, not about two ways of driving the client.
 *
 * <p>Why not {@code PgBuilder.client()}/{@code pool()}: a pool adds an acquire/release per query and
 * spreads connections over Vert.x's loops; TFB's Vert.x entries keep a connection per event loop
 * instead, so a query is written, answered and decoded on the thread that asked for it, with no hop.
 *
 * <p>Not thread-safe, on purpose: every method must be called on the loop the connections belong to.
 */
final class PgPipeline {
    static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = $1";
    static final String UPDATE_WORLD = "UPDATE world SET randomnumber = $1 WHERE id = $2";
    /** TFB's Vert.x entries: far more queries in flight per connection than the 256 default. */
    static final int PIPELINING_LIMIT = 100_000;

    private final PgConnection[] connections;
    private int next;

    private PgPipeline(PgConnection[] connections) {
        this.connections = connections;
    }

    /** Connect options as TFB's Vert.x entries set them: statements prepared once per connection, deep pipelining. */
    static PgConnectOptions options(String host, int port) {
        return new PgConnectOptions().setHost(host).setPort(port).setDatabase(PgCluster.DATABASE)
                .setUser(PgCluster.USER).setPassword(PgCluster.PASSWORD)
                .setCachePreparedStatements(true).setPipeliningLimit(PIPELINING_LIMIT);
    }

    /**
     * Opens {@code count} connections on the <b>calling</b> Vert.x context (a verticle's, or one built on
     * Brisk's loop): Vert.x binds a connection to the context it is opened from.
     */
    static Future<PgPipeline> open(Vertx vertx, PgConnectOptions options, int count) {
        List<Future<PgConnection>> opening = new ArrayList<>(count);
        for (int i = 0; i < count; i++) opening.add(PgConnection.connect(vertx, options));
        return Future.all(opening).map(all -> {
            PgConnection[] c = new PgConnection[count];
            for (int i = 0; i < count; i++) c[i] = all.resultAt(i);
            return new PgPipeline(c);
        });
    }

    int size() {
        return connections.length;
    }

    // One connection per request, round-robin: a request's queries then travel in one write (group below).
    private SqlClient next() {
        PgConnection c = connections[next];
        next = next + 1 == connections.length ? 0 : next + 1;
        return c;
    }

    Future<World> world(int id) {
        return next().preparedQuery(SELECT_WORLD).execute(Tuple.of(id)).map(PgPipeline::one);
    }

    /**
     * {@code ids.length} queries, one per row as TFB requires, written to one connection in one flush
     * ({@code group}: the client's own way to pipeline a batch of independent queries; TFB's Vert.x entry
     * uses it too) and joined by a counter rather than {@code Future.all}, which would allocate a
     * composite future and a list per request.
     */
    Future<List<World>> worlds(int[] ids) {
        Promise<List<World>> done = Promise.promise();
        World[] out = new World[ids.length];
        int[] left = {ids.length};
        boolean[] failed = {false};
        ((SqlClientInternal) next()).group(c -> {
            for (int i = 0; i < ids.length; i++) {
                int at = i;
                c.preparedQuery(SELECT_WORLD).execute(Tuple.of(ids[i])).onComplete((rows, error) -> {
                    if (failed[0]) return;
                    if (error != null) {
                        failed[0] = true;
                        done.fail(error);
                        return;
                    }
                    try {
                        out[at] = one(rows);
                    } catch (RuntimeException e) {
                        failed[0] = true;
                        done.fail(e);
                        return;
                    }
                    if (--left[0] == 0) done.complete(Arrays.asList(out));
                });
            }
        });
        return done.future();
    }

    /** Reads the rows one query each, then writes the new random numbers in one batch (one round trip, one Sync). */
    Future<List<World>> update(int[] ids) {
        return worlds(ids).compose(read -> {
            List<World> changed = Tfb.changed(read);
            List<Tuple> batch = new ArrayList<>(changed.size());
            for (World w : changed) batch.add(Tuple.of(w.randomNumber(), w.id()));
            return next().preparedQuery(UPDATE_WORLD).executeBatch(batch).map(done -> changed);
        });
    }

    Future<List<Fortune>> fortunes() {
        return next().preparedQuery(Tfb.SELECT_FORTUNES).execute().map(rows -> {
            List<Fortune> out = new ArrayList<>(rows.size() + 1);
            for (Row r : rows) out.add(new Fortune(r.getInteger(0), r.getString(1)));
            return out;
        });
    }

    /** {@code SELECT pg_sleep(seconds)}. */
    Future<Void> sleep(double seconds) {
        return next().preparedQuery("SELECT pg_sleep($1)").execute(Tuple.of(seconds)).mapEmpty();
    }

    /** Every row, for the {@code /cached-queries} cache. */
    Future<World[]> all() {
        return next().query("SELECT id, randomnumber FROM world").execute().map(rows -> {
            World[] out = new World[Tfb.WORLD_ROWS + 1];
            for (Row r : rows) out[r.getInteger(0)] = new World(r.getInteger(0), r.getInteger(1));
            return out;
        });
    }

    Future<Void> close() {
        List<Future<Void>> closing = new ArrayList<>(connections.length);
        for (PgConnection c : connections) closing.add(c.close());
        return Future.join(closing).mapEmpty();
    }

    private static World one(RowSet<Row> rows) {
        var it = rows.iterator();
        if (!it.hasNext()) throw new IllegalStateException("no such world row");
        Row r = it.next();
        return new World(r.getInteger(0), r.getInteger(1));
    }
}
