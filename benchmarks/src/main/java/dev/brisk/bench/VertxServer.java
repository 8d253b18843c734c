package dev.brisk.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark routes of the seed contract, written as an ordinary Vert.x-web 5
 * application would write them: a {@link Router}, {@code ctx.json(...)}, path and query
 * parameters from the routing context, and {@code blockingHandler(..., false)} for the
 * blocking route (unordered, so blocking requests of one event loop run in parallel on
 * the worker pool instead of one after another).
 *
 * <p>One verticle instance per event loop ({@code --loops}, default 1), native transport
 * preferred. The worker pool is {@code --workers} threads, default 1000: with 1,000
 * connections each blocked for 100 ms it is big enough never to be the bottleneck
 * (1,000 threads × 10 req/s = 10,000 req/s, more than one core can serve).
 *
 * <p>No TFB-style tricks (no pre-built header maps, no Date header, no system properties
 * turning validation off): this is the idiomatic baseline.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.brisk.bench.VertxServer --port 8080
 * [--host 127.0.0.1] [--loops 1] [--workers 1000] [--sleep-seconds 0.1]}
 */
public final class VertxServer extends VerticleBase {

    private static final Buffer PLAINTEXT = Buffer.buffer("Hello, World!");

    private final String host;
    private final int port;
    private final long sleepMillis;

    VertxServer(String host, int port, long sleepMillis) {
        this.host = host;
        this.port = port;
        this.sleepMillis = sleepMillis;
    }

    public static void main(String[] argv) {
        Args args = new Args(argv);
        String host = args.string("host", "127.0.0.1");
        int port = args.integer("port", 8080);
        int loops = args.integer("loops", 1);
        int workers = args.integer("workers", 1000);
        long sleepMillis = args.millis("sleep-seconds", 0.1);

        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(loops)
                .setWorkerPoolSize(workers)
                // A 100 ms sleep on a worker is the point of the route, not a problem to log.
                .setMaxWorkerExecuteTime(10).setMaxWorkerExecuteTimeUnit(TimeUnit.SECONDS));
        vertx.deployVerticle(() -> new VertxServer(host, port, sleepMillis), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.printf(
                        "vertx running on http://%s:%d (transport %s, %d event loop(s), %d worker threads)%n",
                        host, port, vertx.isNativeTransportEnabled() ? io.vertx.core.transport.Transport.nativeTransport().name() : "nio",
                        loops, workers))
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
        Router router = Router.router(vertx);
        router.get("/plaintext").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain; charset=utf-8")
                .end(PLAINTEXT));
        router.get("/json").handler(ctx -> ctx.json(new JsonObject().put("message", "Hello, World!")));
        router.get("/items/:item_id").handler(VertxServer::item);
        router.get("/sync-test/:user_id").blockingHandler(ctx -> {
            try {
                Thread.sleep(sleepMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ctx.json(new JsonObject().put("user", ctx.pathParam("user_id")).put("status", "done"));
        }, false);
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setAcceptBacklog(8192))
                .requestHandler(router)
                // issue 13's peer: WS /ws/echo as a Vert.x app writes it, each whole message echoed as it came
                .webSocketHandshakeHandler(h -> {
                    if (h.path().equals("/ws/echo")) h.accept();
                    else h.reject(404);
                })
                .webSocketHandler(ws -> {
                    ws.textMessageHandler(ws::writeTextMessage);
                    ws.binaryMessageHandler(ws::writeBinaryMessage);
                })
                .listen();
    }

    private static void item(RoutingContext ctx) {
        Integer itemId = integer(ctx.pathParam("item_id"));
        if (itemId == null) {
            unprocessable(ctx, "path", "item_id");
            return;
        }
        String rawLimit = ctx.queryParams().get("limit");
        Integer limit = rawLimit == null ? Integer.valueOf(10) : integer(rawLimit);
        if (limit == null) {
            unprocessable(ctx, "query", "limit");
            return;
        }
        ctx.json(new JsonObject()
                .put("item_id", itemId)
                .put("q", ctx.queryParams().get("q"))
                .put("limit", limit));
    }

    private static Integer integer(String s) {
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void unprocessable(RoutingContext ctx, String where, String name) {
        ctx.response().setStatusCode(422);
        ctx.json(new JsonObject().put("detail", new JsonArray().add(new JsonObject()
                .put("loc", new JsonArray().add(where).add(name))
                .put("msg", "value is not a valid integer")
                .put("type", "type_error.integer"))));
    }
}
