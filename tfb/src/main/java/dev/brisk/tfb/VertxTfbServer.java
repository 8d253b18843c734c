package dev.brisk.tfb;

import dev.brisk.templates.Templates;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.transport.Transport;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgConnectOptions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The peer: TechEmpower's test types written as an ordinary Vert.x-web 5 application with Vert.x's
 * reactive PostgreSQL client (TFB's idiomatic Java entry): a {@link Router}, {@code ctx.json(...)},
 * one event loop, and the client used as TFB's Vert.x entries use it ({@link PgPipeline}): its
 * connections opened from the verticle, so they live on the verticle's own loop (no hop between a
 * pool's loop and the request's), pipelining, prepared statements cached, a request's queries sent
 * in one write. It runs on the socket transport Brisk picks (io_uring here; {@code --transport
 * epoll} to compare). The fortunes page uses the same precompiled jte template as Brisk, so both pay
 * the same rendering cost and the comparison is about the server and the driver.
 *
 * <p>{@code java -cp tfb-all.jar dev.brisk.tfb.VertxTfbServer --port 8080 --db-port 5432 [--db-conns 1] [--loops 1]
 * [--transport io_uring|epoll|nio]}
 */
public final class VertxTfbServer extends VerticleBase {
    private static final Buffer HELLO = Buffer.buffer("Hello, World!");
    private static final CharSequence SERVER = HttpHeaders.createOptimized("vertx");
    private static final Templates TEMPLATES = Templates.precompiled();

    private final int port;
    private final PgConnectOptions connect;
    private final int connections;
    private PgPipeline db;
    private World[] cache;
    private CharSequence date = HttpHeaders.createOptimized(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));

    VertxTfbServer(int port, PgConnectOptions connect, int connections) {
        this.port = port;
        this.connect = connect;
        this.connections = connections;
    }

    public static void main(String[] argv) {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        int port = Integer.parseInt(a.getOrDefault("port", "8080"));
        int loops = Integer.parseInt(a.getOrDefault("loops", "1"));
        // connections per event loop; "pool" is accepted as the older name of the same knob
        int conns = Integer.parseInt(a.getOrDefault("db-conns", a.getOrDefault("pool", "1")));
        PgConnectOptions connect = PgPipeline.options(a.getOrDefault("db-host", "127.0.0.1"),
                Integer.parseInt(a.getOrDefault("db-port", "5432")));
        Transport transport = VertxTransports.pick(a.get("transport"));
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(loops)).withTransport(transport).build();
        deploy(vertx, port, connect, loops, conns)
                .onSuccess(id -> System.out.printf("vertx-tfb running on http://127.0.0.1:%d (transport %s, %d event loop(s), "
                        + "%d pipelined connection(s) per loop)%n", port, transport.name(), loops, conns))
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

    /** {@code loops} instances of the server on {@code vertx} (which should have as many event loops). */
    static Future<String> deploy(Vertx vertx, int port, PgConnectOptions connect, int loops, int connectionsPerLoop) {
        return vertx.deployVerticle(() -> new VertxTfbServer(port, connect, connectionsPerLoop),
                new DeploymentOptions().setInstances(loops));
    }

    @Override
    public Future<?> start() {
        Router router = Router.router(vertx);
        router.get("/plaintext").handler(ctx -> ctx.response().putHeader("content-type", "text/plain; charset=utf-8").end(HELLO));
        router.get("/json").handler(ctx -> ctx.json(new JsonObject().put("message", "Hello, World!")));
        router.get("/db").handler(ctx -> db.world(Tfb.randomId()).onSuccess(w -> ctx.json(json(w))).onFailure(ctx::fail));
        router.get("/queries").handler(ctx -> db.worlds(Tfb.randomIds(Tfb.count(ctx.request().getParam("queries"))))
                .onSuccess(rows -> ctx.json(json(rows))).onFailure(ctx::fail));
        router.get("/updates").handler(ctx -> db.update(Tfb.randomIds(Tfb.count(ctx.request().getParam("queries"))))
                .onSuccess(rows -> ctx.json(json(rows))).onFailure(ctx::fail));
        router.get("/fortunes").handler(this::fortunes);
        router.get("/cached-queries").handler(this::cached);
        // opened here, from the verticle's context: the connections belong to this verticle's event loop
        return PgPipeline.open(vertx, connect, connections).compose(pipeline -> {
            db = pipeline;
            return db.all();
        }).compose(rows -> {
            cache = rows;
            // TFB requires Server and Date on every answer (Brisk sends both); the date is formatted once a second
            vertx.setPeriodic(1000, t -> date = HttpHeaders.createOptimized(
                    DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC))));
            return vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port).setAcceptBacklog(8192))
                    .requestHandler(req -> {
                        req.response().headers().add(HttpHeaders.SERVER, SERVER).add(HttpHeaders.DATE, date);
                        router.handle(req);
                    }).listen();
        });
    }

    private void fortunes(RoutingContext ctx) {
        db.fortunes().onSuccess(rows -> {
            byte[] html = TEMPLATES.renderBytes("fortunes.jte", Tfb.withAddedAndSorted(rows));
            ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(Buffer.buffer(html));
        }).onFailure(ctx::fail);
    }

    private void cached(RoutingContext ctx) {
        int n = Tfb.count(ctx.request().getParam("count"));
        List<World> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(cache[Tfb.randomId()]);
        ctx.json(json(out));
    }

    // Vert.x's own JSON types: without jackson-databind on the class path (Brisk brings Jackson 3, Vert.x
    // speaks Jackson 2) they are how a Vert.x application writes JSON, encoded by Jackson 2's streaming core.
    private static JsonObject json(World w) {
        return new JsonObject().put("id", w.id()).put("randomNumber", w.randomNumber());
    }

    private static JsonArray json(List<World> rows) {
        JsonArray out = new JsonArray(new ArrayList<>(rows.size()));
        for (World w : rows) out.add(json(w));
        return out;
    }
}
