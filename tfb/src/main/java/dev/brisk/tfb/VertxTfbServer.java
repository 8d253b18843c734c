package dev.brisk.tfb;

import dev.brisk.templates.Templates;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer: TechEmpower's test types written as an ordinary Vert.x-web 5 application with Vert.x's
 * reactive PostgreSQL client (TFB's idiomatic Java entry): a {@link Router}, {@code ctx.json(...)},
 * a pool of {@code --pool} pipelined connections, one event loop. The fortunes page uses the same
 * precompiled jte template as Brisk, so both pay the same rendering cost and the comparison is about
 * the server and the driver.
 *
 * <p>{@code java -cp tfb-all.jar dev.brisk.tfb.VertxTfbServer --port 8080 --db-port 5432 [--pool 16] [--loops 1]}
 */
public final class VertxTfbServer extends VerticleBase {
    private static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = $1";
    private static final String UPDATE_WORLD = "UPDATE world SET randomnumber = $1 WHERE id = $2";
    private static final Buffer HELLO = Buffer.buffer("Hello, World!");
    private static final Templates TEMPLATES = Templates.precompiled();

    private final int port;
    private final PgConnectOptions connect;
    private final int poolSize;
    private SqlClient pool;
    private World[] cache;

    VertxTfbServer(int port, PgConnectOptions connect, int poolSize) {
        this.port = port;
        this.connect = connect;
        this.poolSize = poolSize;
    }

    public static void main(String[] argv) {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        int port = Integer.parseInt(a.getOrDefault("port", "8080"));
        int loops = Integer.parseInt(a.getOrDefault("loops", "1"));
        int pool = Integer.parseInt(a.getOrDefault("pool", "16"));
        PgConnectOptions connect = new PgConnectOptions().setHost(a.getOrDefault("db-host", "127.0.0.1"))
                .setPort(Integer.parseInt(a.getOrDefault("db-port", "5432"))).setDatabase(PgCluster.DATABASE)
                .setUser(PgCluster.USER).setPassword(PgCluster.PASSWORD).setCachePreparedStatements(true)
                .setPipeliningLimit(256);
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(loops));
        vertx.deployVerticle(() -> new VertxTfbServer(port, connect, pool), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.printf("vertx-tfb running on http://127.0.0.1:%d (%d event loop(s), pool %d)%n",
                        port, loops, pool))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                vertx.close().await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // exiting anyway
            }
        }));
    }

    @Override
    public Future<?> start() {
        // a pipelined client (many queries in flight per connection), as TFB's Vert.x entries use their connections
        pool = PgBuilder.client().with(new PoolOptions().setMaxSize(poolSize)).connectingTo(connect).using(vertx).build();
        Router router = Router.router(vertx);
        router.get("/plaintext").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; charset=utf-8").end(HELLO));
        router.get("/json").handler(ctx -> ctx.json(new JsonObject().put("message", "Hello, World!")));
        router.get("/db").handler(this::db);
        router.get("/queries").handler(this::queries);
        router.get("/updates").handler(this::updates);
        router.get("/fortunes").handler(this::fortunes);
        router.get("/cached-queries").handler(this::cached);
        return pool.query("SELECT id, randomnumber FROM world").execute().compose(rows -> {
            cache = new World[Tfb.WORLD_ROWS + 1];
            for (Row r : rows) cache[r.getInteger(0)] = new World(r.getInteger(0), r.getInteger(1));
            return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setAcceptBacklog(8192))
                    .requestHandler(router).listen();
        });
    }

    private void db(RoutingContext ctx) {
        pool.preparedQuery(SELECT_WORLD).execute(Tuple.of(Tfb.randomId()))
                .onSuccess(rows -> ctx.json(json(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    private Future<List<Row>> read(int n) {
        List<Future<Row>> each = new ArrayList<>(n);
        for (int i = 0; i < n; i++) each.add(pool.preparedQuery(SELECT_WORLD).execute(Tuple.of(Tfb.randomId())).map(rs -> rs.iterator().next()));
        return Future.all(each).map(cf -> {
            List<Row> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(cf.resultAt(i));
            return out;
        });
    }

    private void queries(RoutingContext ctx) {
        read(Tfb.count(ctx.request().getParam("queries"))).onSuccess(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) out.add(json(r));
            ctx.json(out);
        }).onFailure(ctx::fail);
    }

    private void updates(RoutingContext ctx) {
        read(Tfb.count(ctx.request().getParam("queries"))).compose(rows -> {
            List<World> read = new ArrayList<>(rows.size());
            for (Row r : rows) read.add(new World(r.getInteger(0), r.getInteger(1)));
            List<World> changed = Tfb.changed(read);
            List<Tuple> batch = new ArrayList<>(changed.size());
            for (World w : changed) batch.add(Tuple.of(w.randomNumber(), w.id()));
            return pool.preparedQuery(UPDATE_WORLD).executeBatch(batch).map(done -> changed);
        }).onSuccess(changed -> {
            JsonArray out = new JsonArray();
            for (World w : changed) out.add(new JsonObject().put("id", w.id()).put("randomNumber", w.randomNumber()));
            ctx.json(out);
        }).onFailure(ctx::fail);
    }

    private void fortunes(RoutingContext ctx) {
        pool.preparedQuery(Tfb.SELECT_FORTUNES).execute().onSuccess(rows -> {
            List<Fortune> list = new ArrayList<>(rows.size() + 1);
            for (Row r : rows) list.add(new Fortune(r.getInteger(0), r.getString(1)));
            byte[] html = TEMPLATES.renderBytes("fortunes.jte", Tfb.withAddedAndSorted(list));
            ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(Buffer.buffer(html));
        }).onFailure(ctx::fail);
    }

    private void cached(RoutingContext ctx) {
        int n = Tfb.count(ctx.request().getParam("count"));
        JsonArray out = new JsonArray();
        for (int i = 0; i < n; i++) {
            World w = cache[Tfb.randomId()];
            out.add(new JsonObject().put("id", w.id()).put("randomNumber", w.randomNumber()));
        }
        ctx.json(out);
    }

    private static JsonObject json(Row r) {
        return new JsonObject().put("id", r.getInteger(0)).put("randomNumber", r.getInteger(1));
    }
}
