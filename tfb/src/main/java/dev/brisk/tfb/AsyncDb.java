package dev.brisk.tfb;

import io.netty.channel.IoEventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.internal.ThreadExecutorMap;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.CloseFuture;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.transport.Transport;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The non-blocking flavour: Vert.x's reactive PostgreSQL client (the driver of TFB's leading Java
 * entries: it pipelines queries on each connection and parses rows without a thread per query).
 *
 * <p>{@link #onCallerLoops} is the TFB app's shape, and asyncpg's under uvicorn: the driver runs <b>on
 * the event loop that serves the request</b>. The first query from a Brisk loop opens that loop's
 * connections ({@link PgPipeline}) with channels registered on that very loop, through a Vert.x context
 * built on it; from then on a query is written, answered, decoded and completed on the request's own
 * thread, and {@code Request#adopt} completes in place — no hand-off between threads at all. Stages
 * from any other thread (start-up, a worker, Brisk's in-process test transport, whose loops carry no
 * sockets) are served by a pipeline on a Vert.x loop of its own and come back through {@code adopt}'s hop.
 *
 * <p>The constructor is the other shape, kept for the lab's E6: a classic pool on Vert.x's own loop,
 * one query per connection at a time (as with JDBC or asyncpg), resumed on Brisk's loop by {@code adopt}.
 */
public final class AsyncDb implements AutoCloseable {
    private final Vertx vertx;
    private final Transport transport;
    private final PgConnectOptions connect;
    private final int connectionsPerLoop;
    private final SqlClient pool;            // the E6 shape only
    private final Future<PgPipeline> own;    // the on-loop shape: for callers that are not a fitting loop
    private final FastThreadLocal<Local> local = new FastThreadLocal<>();
    private final Queue<Local> opened = new ConcurrentLinkedQueue<>();
    private final int poolSize;

    /** One loop's pipeline: {@code ready} once connected (the hot path), {@code opening} until then. */
    private static final class Local {
        volatile PgPipeline ready;
        Future<PgPipeline> opening;
        IoEventLoop loop;
        CloseFuture closing;
    }

    /**
     * The lab's E6 shape: a pool of {@code poolSize} connections on a Vert.x loop of its own.
     *
     * @param pipelined {@code true}: queries pipelined over the pool's connections; {@code false}: each
     *     query holds a connection of its own until it ends, as with JDBC or asyncpg (E6 measures that)
     */
    public AsyncDb(String host, int port, String database, String user, String password, int poolSize, int ioThreads,
                   boolean pipelined) {
        this.poolSize = poolSize;
        this.transport = VertxTransports.pick(null);
        this.vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(ioThreads).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)).withTransport(transport).build();
        this.connect = new PgConnectOptions().setHost(host).setPort(port).setDatabase(database).setUser(user)
                .setPassword(password).setCachePreparedStatements(true).setPipeliningLimit(256);
        this.connectionsPerLoop = 0;
        PoolOptions options = new PoolOptions().setMaxSize(poolSize);
        this.pool = pipelined ? PgBuilder.client().with(options).connectingTo(connect).using(vertx).build()
                : PgBuilder.pool().with(options).connectingTo(connect).using(vertx).build();
        this.own = null;
    }

    private AsyncDb(String host, int port, int connectionsPerLoop) {
        this.poolSize = connectionsPerLoop;
        this.connectionsPerLoop = connectionsPerLoop;
        this.transport = VertxTransports.pick(null);
        // one Vert.x loop of its own, for start-up and for callers that are not a loop of the same transport
        this.vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)).withTransport(transport).build();
        this.connect = PgPipeline.options(host, port);
        this.pool = null;
        ContextInternal ctx = ((VertxInternal) vertx).contextBuilder().build();
        Promise<PgPipeline> p = ctx.promise();
        ctx.runOnContext(v -> PgPipeline.open(vertx, connect, connectionsPerLoop).onComplete(p));
        this.own = p.future();
    }

    /**
     * The driver on the caller's event loop: {@code connectionsPerLoop} pipelined connections per Brisk
     * loop (TFB's Vert.x entries use one), opened by the first query from that loop.
     */
    public static AsyncDb onCallerLoops(String host, int port, int connectionsPerLoop) {
        return new AsyncDb(host, port, connectionsPerLoop);
    }

    public CompletionStage<World> world(int id) {
        return run(p -> p.world(id));
    }

    /** {@code ids.length} rows, one query each, all written at once on one connection. */
    public CompletionStage<List<World>> worlds(int[] ids) {
        return run(p -> p.worlds(ids));
    }

    public CompletionStage<List<Fortune>> fortunes() {
        return run(PgPipeline::fortunes);
    }

    /** Reads the rows one query each, then writes the new random numbers in one batch. */
    public CompletionStage<List<World>> update(int[] ids) {
        return run(p -> p.update(ids));
    }

    /** Every row, for the {@code /cached-queries} cache. */
    public CompletionStage<World[]> all() {
        return run(PgPipeline::all);
    }

    /** {@code SELECT pg_sleep(seconds)} (the lab's E6). */
    public CompletionStage<Void> sleep(double seconds) {
        if (pool != null) {
            return pool.preparedQuery("SELECT pg_sleep($1)").execute(Tuple.of(seconds)).<Void>mapEmpty().toCompletionStage();
        }
        return run(p -> p.sleep(seconds));
    }

    public int poolSize() {
        return poolSize;
    }

    private <T> CompletionStage<T> run(Function<PgPipeline, Future<T>> call) {
        if (own == null) throw new IllegalStateException("the pooled shape (E6) serves sleep() only");
        Local l = local.get();
        if (l == null) local.set(l = open());
        PgPipeline ready = l.ready;
        return (ready != null ? call.apply(ready) : l.opening.compose(call)).toCompletionStage();
    }

    // The calling thread's pipeline: on its own loop when it is a loop whose sockets Vert.x can open
    // (Brisk's loops are Netty IoEventLoops; ThreadExecutorMap names the loop of the calling thread, the
    // way Vert.x finds its own), else the shared one on Vert.x's loop.
    private Local open() {
        Local l = new Local();
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        if (current instanceof IoEventLoop loop && loop.inEventLoop() && VertxTransports.fits(transport, loop)) {
            // A context of its own close future: Brisk's loop may be gone when close() runs, so Vert.x's own
            // close must not wait on these connections (close() closes them while their loop still runs).
            l.loop = loop;
            l.closing = new CloseFuture();
            ContextInternal ctx = ((VertxInternal) vertx).contextBuilder().withEventLoop(loop).withCloseFuture(l.closing).build();
            Promise<PgPipeline> p = ctx.promise();
            ctx.dispatch(v -> PgPipeline.open(vertx, connect, connectionsPerLoop).onComplete(p));
            Local target = l;
            l.opening = p.future().onSuccess(pipeline -> target.ready = pipeline);
            opened.add(l);
        } else {
            l.opening = own;
        }
        return l;
    }

    @Override
    public void close() {
        try {
            for (Local l : opened) {
                if (!l.loop.isShuttingDown()) l.loop.submit(() -> l.closing.close()).await(5, TimeUnit.SECONDS);
            }
            if (pool != null) pool.close().await(5, TimeUnit.SECONDS);
            if (own != null && own.succeeded()) own.result().close().await(5, TimeUnit.SECONDS);
            vertx.close().await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
