package dev.brisk;

import dev.brisk.internal.dispatch.Dispatcher;
import dev.brisk.internal.dispatch.Pipeline;
import dev.brisk.middleware.Middleware;
import dev.brisk.openapi.OpenApi;
import dev.brisk.params.Controllers;
import dev.brisk.routing.Route;
import dev.brisk.internal.routing.Router;
import dev.brisk.internal.server.HttpServer;
import dev.brisk.watchdog.Stall;
import dev.brisk.internal.watchdog.Watchdog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Brisk application: routes, configuration, and the server that runs them.
 *
 * <pre>{@code
 * import static dev.brisk.Handler.*;
 *
 * Brisk app = Brisk.create(new BriskConfig().port(8000));
 * app.get("/sync", worker(req -> Map.of("thread", Thread.currentThread().toString())));   // FastAPI def
 * app.get("/async", loop(req -> req.sleep(Duration.ofSeconds(1)).thenApply(v -> "slept"))); // async def
 * app.start();
 * // ... app.stop();
 * }</pre>
 *
 * <p>Routes are added before {@link #start()}; each route's lane is fixed when it is added and printed
 * at start-up.
 */
public final class Brisk implements AutoCloseable {
    // In a holder: prepareInBackground() must not set logging up (~450 classes) on the calling thread; the
    // start-ahead thread does it while the main thread reads its command line (StartAhead.awaitLogging)
    private static final class Log {
        static final Logger BRISK = LoggerFactory.getLogger("brisk");
    }

    private final BriskConfig config;
    private final List<Route> routes = new ArrayList<>();
    private final List<dev.brisk.routing.WebSocketRoute> webSocketRoutes = new ArrayList<>();
    private final List<Runnable> startupHooks = new ArrayList<>();
    private final List<Runnable> shutdownHooks = new ArrayList<>();
    private final Lifespans lifespans = new Lifespans();
    private final List<Middleware> middleware = new ArrayList<>();
    private final Map<Class<? extends Throwable>, ExceptionHandler<?>> exceptionHandlers = new LinkedHashMap<>();
    private final State state = new State();
    private final dev.brisk.deps.Registry registry;
    private Watchdog watchdog;
    private Dispatcher dispatcher;
    private HttpServer server;
    private volatile boolean started;
    private volatile boolean draining;
    private Thread shutdownHook;

    private Brisk(BriskConfig config) {
        this.config = config.copy();
        this.registry = new dev.brisk.deps.Registry(dev.brisk.params.DeclaredProviders.binding(this.config.converters()));
    }

    /** A new app with {@code config} (copied: later changes to it do not affect the app). */
    public static Brisk create(BriskConfig config) {
        StartAhead.awaitLogging();   // before the fields' initialisers: the app's loggers must be real ones
        return new Brisk(Objects.requireNonNull(config, "config"));
    }

    /** A new app with default configuration. */
    public static Brisk create() {
        return create(new BriskConfig());
    }

    /**
     * Begins, on a background thread, the one-time work of a first {@link #start()} (the default JSON
     * codec, the network transport's classes and native library), so it overlaps what the calling thread
     * does before start: parsing a command line, building the app. Optional (start() does the same work
     * otherwise); call it first thing in {@code main} when start-up time matters. start() waits for it.
     *
     * <pre>{@code
     * public static void main(String[] args) {
     *     Brisk.prepareInBackground();
     *     Brisk app = Brisk.create(new BriskConfig().port(8000));
     *     app.get("/", Handler.loop(req -> CompletableFuture.completedFuture("hello")));
     *     app.start();
     * }
     * }</pre>
     */
    public static void prepareInBackground() {
        StartAhead.begin();
    }

    /**
     * The app's configuration, read-only: a copy whose setters throw (options are fixed when the app is
     * created; observers are added with {@link #observe}, a port chosen with {@link #start(int)}).
     */
    public BriskConfig config() {
        return config.readOnlyCopy();
    }

    /** Adds an observer of every request (metrics, tracing, request ids), before {@link #start()}. */
    public Brisk observe(dev.brisk.observe.Observer observer) {
        if (started) throw new IllegalStateException("observers must be added before start()");
        config.observe(observer);
        return this;
    }

    /** Starts on {@code port} instead of the configured one (0: any free port), as test clients and runners do. */
    public synchronized Brisk start(int port) {
        if (started) throw new IllegalStateException("already started");
        config.port(port);
        return start();
    }

    /** Adds a route for {@code method path}; returns it for per-route options. */
    public Route route(String method, String path, Handler handler) {
        if (started) throw new IllegalStateException("routes must be added before start()");
        Route r = new Route(method, path, handler);
        routes.add(r);
        return r;
    }

    public Route get(String path, Handler handler) { return route("GET", path, handler); }
    public Route post(String path, Handler handler) { return route("POST", path, handler); }
    public Route put(String path, Handler handler) { return route("PUT", path, handler); }
    public Route delete(String path, Handler handler) { return route("DELETE", path, handler); }
    public Route patch(String path, Handler handler) { return route("PATCH", path, handler); }
    public Route options(String path, Handler handler) { return route("OPTIONS", path, handler); }

    /**
     * Adds a WebSocket endpoint (FastAPI's {@code @app.websocket}); see {@link WebSocket} and
     * {@link WebSocketHandler} for the two lanes.
     *
     * <pre>{@code
     * app.websocket("/ws/echo", WebSocketHandler.loop(ws -> { ws.accept(); ws.onMessage(ws::send); }));
     * }</pre>
     */
    public dev.brisk.routing.WebSocketRoute websocket(String path, WebSocketHandler handler) {
        if (started) throw new IllegalStateException("routes must be added before start()");
        var r = new dev.brisk.routing.WebSocketRoute(path, handler);
        webSocketRoutes.add(r);
        return r;
    }

    /**
     * Adds every annotated route of a controller object (see {@link dev.brisk.annotation.Get},
     * {@link dev.brisk.annotation.WebSocketEndpoint}), or every route of an {@link ApiRouter} with its
     * prefix, tags, dependencies and responses.
     */
    public Brisk include(Object controllerOrRouter) {
        if (started) throw new IllegalStateException("routes must be added before start()");
        if (controllerOrRouter instanceof ApiRouter router) {
            routes.addAll(router.routes(config.converters()));
            return this;
        }
        var sockets = dev.brisk.params.WebSocketControllers.routes(controllerOrRouter);
        webSocketRoutes.addAll(sockets);
        if (sockets.isEmpty() || dev.brisk.params.WebSocketControllers.hasHttpRoutes(controllerOrRouter)) {
            routes.addAll(Controllers.routes(controllerOrRouter, "", config.converters()));
        }
        return this;
    }

    /** Adds an already-built route (used by extensions that build routes themselves). */
    public Brisk addRoute(Route route) {
        if (started) throw new IllegalStateException("routes must be added before start()");
        routes.add(route);
        return this;
    }

    /**
     * Serves {@code files} under {@code prefix}, like FastAPI's {@code app.mount("/static", StaticFiles(...))}.
     * The mount's routes run on the worker lane and are left out of OpenAPI.
     *
     * <pre>{@code
     * app.mount("/static", StaticFiles.directory(Path.of("public")).html(true));
     * }</pre>
     */
    public Brisk mount(String prefix, StaticFiles files) {
        if (started) throw new IllegalStateException("mounts must be added before start()");
        if (prefix == null || !prefix.startsWith("/")) throw new IllegalArgumentException("mount path must start with '/': " + prefix);
        routes.addAll(Objects.requireNonNull(files, "files").routes(prefix));
        return this;
    }

    /** The routes added so far, in order. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Runs {@code hook} during {@link #start()}, before the port opens (FastAPI lifespan start-up). */
    public Brisk onStartup(Runnable hook) {
        startupHooks.add(hook);
        return this;
    }

    /** Runs {@code hook} during {@link #stop()}, after in-flight requests finish. */
    public Brisk onShutdown(Runnable hook) {
        shutdownHooks.add(hook);
        return this;
    }

    /**
     * Adds a start-up/shutdown pair whose start-up result becomes {@link #state()} (FastAPI's
     * {@code lifespan}). Lifespans start in the order added, before {@link #onStartup} hooks, and
     * shut down in reverse, after {@link #onShutdown} hooks.
     */
    public Brisk lifespan(Lifespan lifespan) {
        if (started) throw new IllegalStateException("lifespans must be added before start()");
        lifespans.add(Objects.requireNonNull(lifespan, "lifespan"));
        return this;
    }

    /**
     * Registers the object this app uses for the {@link dev.brisk.deps.Depends} type {@code type}: a
     * provider built by the app (holding a {@code DataSource}, say), an object with a declared
     * {@code provide(...)} method, or a plain app-scoped value handed to every dependant as it is.
     *
     * <pre>{@code
     * app.dependency(DataSource.class, dataSource);                 // @Depends(DataSource.class) DataSource ds
     * app.dependency(VerifyToken.class, new VerifyToken(users));    // its provide(@Header ...) is bound per request
     * }</pre>
     */
    public <T> Brisk dependency(Class<T> type, Object object) {
        registry.register(type, object);
        return this;
    }

    /**
     * This app's dependency overrides (FastAPI's {@code app.dependency_overrides}), for tests: replace a
     * provider or a {@code @Depends} class, also where other dependencies use it. See
     * {@link dev.brisk.deps.DependencyOverrides}.
     */
    public dev.brisk.deps.DependencyOverrides dependencyOverrides() {
        return registry.overrides();
    }

    /** The application state shared by every request ({@link Request#appState()}), like FastAPI's {@code app.state}. */
    public State state() {
        return state;
    }

    /**
     * Adds a middleware; the one added last is the outermost (Starlette's order). See {@link Middleware}.
     *
     * <pre>{@code
     * app.addMiddleware(new CorsMiddleware(CorsMiddleware.config().allowOrigins("https://example.com")));
     * app.addMiddleware(new GZipMiddleware());   // outermost: compresses what CORS produced
     * }</pre>
     */
    public Brisk addMiddleware(Middleware mw) {
        if (started) throw new IllegalStateException("middleware must be added before start()");
        middleware.add(Objects.requireNonNull(mw, "middleware"));
        return this;
    }

    /**
     * Handles exceptions of {@code type} (and subclasses without a more specific handler) with
     * {@code handler}, like FastAPI's {@code @app.exception_handler}. Registering {@link HttpException}
     * replaces the default {@code {"detail": ...}} answer, also for the router's 404/405.
     */
    public <T extends Throwable> Brisk exceptionHandler(Class<T> type, ExceptionHandler<? super T> handler) {
        if (started) throw new IllegalStateException("exception handlers must be added before start()");
        exceptionHandlers.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Starts serving; returns once the port is open. Throws on a route conflict or bind failure. */
    public synchronized Brisk start() {
        if (started) throw new IllegalStateException("already started");
        draining = false;
        List<Route> served = new ArrayList<>(routes);
        served.addAll(OpenApi.routes(config, routes, registry::registered));   // /openapi.json, /docs, /redoc (not in routes())
        Router router = new Router(served);
        watchdog = new Watchdog(config.blockThreshold(), config.workerStallLimit(), config.strictWatchdog(),
                config.stallListeners(), config.observers());
        dispatcher = new Dispatcher(router, config, watchdog, new Pipeline(middleware, exceptionHandlers, state, registry, config));
        StartAhead.await();   // no Netty class is initialised by two threads at once
        server = new HttpServer(config, dispatcher, watchdog);
        server.inProcess(dev.brisk.internal.server.InProcessConnector.claim(this));
        if (!webSocketRoutes.isEmpty()) server.webSockets(new dev.brisk.internal.dispatch.WebSocketDispatch(webSocketRoutes, dispatcher));
        Log.BRISK.info("Started server process [{}]", ProcessHandle.current().pid());
        Log.BRISK.info("Waiting for application startup.");
        try {
            lifespans.start(this, state);
            for (Runnable hook : startupHooks) hook.run();
        } catch (RuntimeException e) {
            Log.BRISK.error("Application startup failed. Exiting.");
            lifespans.stop(this);
            dispatcher.close();
            throw e;
        }
        Log.BRISK.info("Application startup complete.");
        try {
            server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            dispatcher.close();
            throw e;
        }
        watchdog.start();
        started = true;
        StartupLog.describe(server.transport(), config, dispatcher.workerDescription(), routes, webSocketRoutes);
        Log.BRISK.info("Brisk running on {}://{}:{} (Press CTRL+C to quit)", server.scheme(), config.host(), server.port());
        if (server.tlsProvider() != null) Log.BRISK.info("TLS through {}", server.tlsProvider());
        shutdownHook = SignalStop.install(this);
        return this;
    }

    /** The bound port (useful with port 0). */
    public int port() {
        if (server == null) throw new IllegalStateException("not started");
        return server.port();
    }

    /** {@code http://host:port}, or {@code https://} with TLS. */
    public String url() {
        int p = port();   // throws "not started" before start
        return server.scheme() + "://" + config.host() + ":" + p;
    }

    /**
     * Whether the app is stopping: true from the moment {@link #stop()} begins (SIGTERM), through the
     * drain delay and the drain, so readiness can answer 503 while requests are still served.
     */
    public boolean isDraining() {
        return draining;
    }

    /** Re-reads the TLS key and certificate files now; whether they changed (they are also checked periodically). */
    public boolean reloadTls() {
        return server != null && server.reloadTls();
    }

    public boolean isRunning() {
        return started;
    }

    /** The watchdog (stalls seen so far); available after start. */
    public List<Stall> stalls() {
        return watchdog == null ? List.of() : watchdog.stalls();
    }

    /** Requests admitted and not yet answered. */
    public int inFlight() {
        return dispatcher == null ? 0 : dispatcher.inFlight();
    }

    /** Requests refused with 503 (in-flight limit or full worker queue) since start. */
    public long refused() {
        return dispatcher == null ? 0 : dispatcher.refused();
    }

    /**
     * Graceful stop: stop accepting, let in-flight requests finish (up to the shutdown timeout), run
     * shutdown hooks, close. In strict watchdog mode, throws {@link IllegalStateException} afterwards
     * if any stall was seen.
     */
    public synchronized void stop() {
        if (!started) return;
        draining = true;
        SignalStop.drainDelay(config.deployment().drainDelay());
        started = false;
        SignalStop.remove(shutdownHook);
        Log.BRISK.info("Shutting down");
        int cut;
        try {
            cut = server.stop(config.shutdownTimeout());
            dispatcher.drain(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cut = -1;
        }
        if (cut > 0) Log.BRISK.warn("{} request(s) still running after {} ms were cut off", cut, config.shutdownTimeout().toMillis());
        Log.BRISK.info("Waiting for application shutdown.");
        for (Runnable hook : shutdownHooks) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                Log.BRISK.error("shutdown hook failed", e);
            }
        }
        lifespans.stop(this);
        Log.BRISK.info("Application shutdown complete.");
        dispatcher.close();
        watchdog.close();
        Log.BRISK.info("Finished server process [{}]", ProcessHandle.current().pid());
        if (watchdog.strict() && !watchdog.codeStalls().isEmpty()) {
            throw new IllegalStateException("strict watchdog: " + watchdog.codeStalls().size() + " stall(s):\n"
                    + watchdog.describeStalls());
        }
    }

    @Override public void close() { stop(); }
}
