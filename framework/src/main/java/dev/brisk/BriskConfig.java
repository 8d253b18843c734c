package dev.brisk;

import dev.brisk.json.Json;
import dev.brisk.watchdog.StallListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything that configures a {@link Brisk} app, with defaults a production server can start from.
 * A mutable builder; {@link Brisk#create(BriskConfig)} takes a snapshot.
 *
 * <pre>{@code
 * Brisk app = Brisk.create(new BriskConfig()
 *         .port(8000)
 *         .loops(1)                                  // uvicorn's single event loop
 *         .worker(WorkerMode.fastApiParity())        // FastAPI's 40-thread pool
 *         .blockThreshold(Duration.ofMillis(100)));  // watchdog: report loop stalls over 100 ms
 * }</pre>
 */
public final class BriskConfig extends RequestLimits {
    String host = "127.0.0.1";
    int port = 8000;
    int loops = Runtime.getRuntime().availableProcessors();
    WorkerMode worker = WorkerMode.virtual();
    int inFlightLimit = 10_000;
    int retryAfterSeconds = 1;
    Duration requestTimeout = Duration.ZERO;
    Duration shutdownTimeout = Duration.ofSeconds(10);
    boolean accessLog = true;
    Duration blockThreshold = Duration.ofMillis(100);
    Duration workerStallLimit = Duration.ofSeconds(30);
    boolean strictWatchdog;
    boolean interruptOnDisconnect;
    String serverHeader = "brisk";
    String title = "Brisk";
    String version = "0.1.0";
    String description;
    String openapiUrl = "/openapi.json";
    String docsUrl = "/docs";
    String redocUrl = "/redoc";
    Json json = Json.defaultCodec();
    boolean http2 = true;
    int http2MaxStreams = 100;
    int http2StreamWindow = 65_535;
    WebSocketOptions webSockets = new WebSocketOptions();
    final List<StallListener> stallListeners = new ArrayList<>();
    final java.util.Map<Class<?>, dev.brisk.params.Converter<?>> converters = new java.util.LinkedHashMap<>();
    Deployment deployment = new Deployment();
    final List<dev.brisk.observe.Observer> observers = new ArrayList<>();
    boolean accessLogJson;

    /** Interface to bind to (default {@code 127.0.0.1}; {@code 0.0.0.0} for all). */
    public BriskConfig host(String value) {
        mutable();
        this.host = Objects.requireNonNull(value);
        return this;
    }

    /** TCP port; {@code 0} picks a free one, readable from {@link Brisk#port()} after start. */
    public BriskConfig port(int value) {
        mutable();
        if (value < 0 || value > 65535) throw new IllegalArgumentException("port " + value);
        this.port = value;
        return this;
    }

    /** Event-loop threads (default: the number of cores). {@code 1} is uvicorn's single loop. */
    public BriskConfig loops(int value) {
        mutable();
        if (value < 1) throw new IllegalArgumentException("loops must be >= 1");
        this.loops = value;
        return this;
    }

    /** How the worker lane runs (default: {@link WorkerMode#virtual()}). */
    public BriskConfig worker(WorkerMode value) {
        mutable();
        this.worker = Objects.requireNonNull(value);
        return this;
    }

    /** Requests in progress beyond which new ones get 503 + {@code Retry-After} at once (default 10 000). */
    public BriskConfig inFlightLimit(int value) {
        mutable();
        if (value < 1) throw new IllegalArgumentException("in-flight limit must be >= 1");
        this.inFlightLimit = value;
        return this;
    }

    /** The {@code Retry-After} seconds sent with 503 on overload (default 1). */
    public BriskConfig retryAfterSeconds(int value) {
        mutable();
        this.retryAfterSeconds = value;
        return this;
    }











    /** Default request time limit, {@link Duration#ZERO} for none (default); per route: {@code Route.timeout}. */
    public BriskConfig requestTimeout(Duration value) {
        mutable();
        this.requestTimeout = Objects.requireNonNull(value);
        return this;
    }

    /** How long {@link Brisk#stop()} lets in-flight requests finish (default 10 s). */
    public BriskConfig shutdownTimeout(Duration value) {
        mutable();
        this.shutdownTimeout = Objects.requireNonNull(value);
        return this;
    }

    /** uvicorn-style access log lines on the {@code brisk.access} logger (default on). */
    public BriskConfig accessLog(boolean value) {
        mutable();
        this.accessLog = value;
        return this;
    }

    /**
     * Access log lines as one JSON object a line, for log shippers (default off: uvicorn's text line):
     * {@code {"time":"...","client":"127.0.0.1:5123","method":"GET","uri":"/items/1","protocol":"HTTP/1.1",
     * "status":200,"duration_ms":0.4,"request_id":"..."}}. Same {@code brisk.access} logger.
     */
    public BriskConfig accessLogJson(boolean value) {
        mutable();
        this.accessLogJson = value;
        return this;
    }

    /**
     * Adds an observer of every request and of the event loops' health (metrics, tracing, request ids:
     * see {@link dev.brisk.observe.Observer}). Without any, the request path does no observation work.
     */
    public BriskConfig observe(dev.brisk.observe.Observer observer) {
        mutable();
        observers.add(Objects.requireNonNull(observer));
        return this;
    }

    /** Watchdog threshold for event-loop stalls (default 100 ms, like asyncio debug); {@code ZERO} = off. */
    public BriskConfig blockThreshold(Duration value) {
        mutable();
        this.blockThreshold = Objects.requireNonNull(value);
        return this;
    }

    /** A worker-lane request running longer than this is reported (default 30 s); {@code ZERO} = off. */
    public BriskConfig workerStallLimit(Duration value) {
        mutable();
        this.workerStallLimit = Objects.requireNonNull(value);
        return this;
    }

    /** Strict watchdog: {@link Brisk#stop()} throws if any stall was seen. For tests. */
    public BriskConfig strictWatchdog(boolean value) {
        mutable();
        this.strictWatchdog = value;
        return this;
    }

    /** Adds a stall listener; without any, stalls are logged at WARN with the stack. */
    public BriskConfig onStall(StallListener listener) {
        mutable();
        stallListeners.add(Objects.requireNonNull(listener));
        return this;
    }

    /**
     * Reads the app's own type {@code type} from path, query, header, cookie and form values (see
     * {@link dev.brisk.params.Converter}); set before routes are added.
     */
    public <T> BriskConfig converter(Class<T> type, dev.brisk.params.Converter<? extends T> converter) {
        mutable();
        converters.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(converter, "converter"));
        return this;
    }

    /** The app's converters by type. */
    public java.util.Map<Class<?>, dev.brisk.params.Converter<?>> converters() {
        return java.util.Collections.unmodifiableMap(converters);
    }

    /** Interrupt a worker thread when its client disconnects (default off: opt-in). */
    public BriskConfig interruptOnDisconnect(boolean value) {
        mutable();
        this.interruptOnDisconnect = value;
        return this;
    }

    /** The {@code Server} header value (default {@code brisk}); {@code null} to omit. */
    public BriskConfig serverHeader(String value) {
        mutable();
        this.serverHeader = value;
        return this;
    }

    /** The app's title, version and description (OpenAPI's {@code info}). */
    public BriskConfig info(String newTitle, String newVersion, String newDescription) {
        mutable();
        this.title = newTitle;
        this.version = newVersion;
        this.description = newDescription;
        return this;
    }

    /** Where the OpenAPI document is served (default {@code /openapi.json}); {@code null} switches it and the UIs off. */
    public BriskConfig openapiUrl(String value) {
        mutable();
        this.openapiUrl = value;
        return this;
    }

    /** Where Swagger UI is served (default {@code /docs}); {@code null} to switch it off. */
    public BriskConfig docsUrl(String value) {
        mutable();
        this.docsUrl = value;
        return this;
    }

    /** Where ReDoc is served (default {@code /redoc}); {@code null} to switch it off. */
    public BriskConfig redocUrl(String value) {
        mutable();
        this.redocUrl = value;
        return this;
    }

    /**
     * Clear-text HTTP/2 (default on): a connection that opens with HTTP/2's preface (prior knowledge,
     * as h2load, gRPC clients and proxies speak it) or whose first request asks {@code Upgrade: h2c} is
     * served as HTTP/2, through the same routes, lanes and middleware. HTTP/1.1 connections pay one look
     * at their first bytes, nothing per request.
     */
    public BriskConfig http2(boolean value) {
        mutable();
        this.http2 = value;
        return this;
    }

    /** Concurrent streams one HTTP/2 connection may open (default 100); more are refused by the client's own limit. */
    public BriskConfig http2MaxStreams(int value) {
        mutable();
        if (value < 1) throw new IllegalArgumentException("http2MaxStreams must be >= 1");
        this.http2MaxStreams = value;
        return this;
    }

    /** The HTTP/2 flow-control window of each stream, in bytes (default 65 535, the protocol's own). */
    public BriskConfig http2StreamWindow(int value) {
        mutable();
        if (value < 1) throw new IllegalArgumentException("http2StreamWindow must be >= 1");
        this.http2StreamWindow = value;
        return this;
    }

    /**
     * Proxy headers, root path, TLS, health and drain: the settings a service behind a load balancer
     * needs, grouped in one object (uvicorn's option names). Change them in place:
     *
     * <pre>{@code
     * BriskConfig config = new BriskConfig().port(8443);
     * config.deployment()
     *         .forwardedAllowIps("10.0.0.0/8")          // trust X-Forwarded-* / Forwarded from the LB
     *         .rootPath("/api")                         // served under https://example.com/api
     *         .tls(Path.of("key.pem"), Path.of("cert.pem"))
     *         .drainDelay(Duration.ofSeconds(5));       // readiness 503 for 5 s before the port closes
     * }</pre>
     */
    public Deployment deployment() {
        return deployment;
    }

    /** The JSON codec for results, errors and bodies. */
    public BriskConfig json(Json value) {
        mutable();
        this.json = Objects.requireNonNull(value);
        return this;
    }

    public String host() { return host; }
    public int port() { return port; }
    public int loops() { return loops; }
    public WorkerMode worker() { return worker; }
    public int inFlightLimit() { return inFlightLimit; }
    public int retryAfterSeconds() { return retryAfterSeconds; }
    public Duration requestTimeout() { return requestTimeout; }
    public Duration shutdownTimeout() { return shutdownTimeout; }
    public boolean accessLog() { return accessLog; }
    public Duration blockThreshold() { return blockThreshold; }
    public Duration workerStallLimit() { return workerStallLimit; }
    public boolean strictWatchdog() { return strictWatchdog; }
    public List<StallListener> stallListeners() { return List.copyOf(stallListeners); }
    public List<dev.brisk.observe.Observer> observers() { return List.copyOf(observers); }
    public boolean accessLogJson() { return accessLogJson; }
    public boolean interruptOnDisconnect() { return interruptOnDisconnect; }
    public String serverHeader() { return serverHeader; }
    public String title() { return title; }
    public String version() { return version; }
    public String description() { return description; }
    public String openapiUrl() { return openapiUrl; }
    public String docsUrl() { return docsUrl; }
    public String redocUrl() { return redocUrl; }
    public Json json() { return json; }
    public boolean http2() { return http2; }
    public int http2MaxStreams() { return http2MaxStreams; }
    public int http2StreamWindow() { return http2StreamWindow; }

    /** The WebSocket settings (mutable until start; see {@link WebSocketOptions}). */
    public WebSocketOptions webSockets() { return webSockets; }

    private boolean readOnly;

    @Override
    void mutable() {
        if (readOnly) {
            throw new UnsupportedOperationException("this is a running app's configuration, read-only: set options on "
                    + "the BriskConfig passed to Brisk.create, or use the app's own methods (app.observe, app.start(port))");
        }
    }

    /** A read-only copy (what {@link Brisk#config()} hands out): its setters throw, its parts are copies. */
    BriskConfig readOnlyCopy() {
        BriskConfig c = copy();
        c.readOnly = true;
        return c;
    }

    BriskConfig copy() {
        BriskConfig c = new BriskConfig();
        copyLimitsTo(c);
        c.host = host; c.port = port; c.loops = loops; c.worker = worker; c.inFlightLimit = inFlightLimit;
        c.retryAfterSeconds = retryAfterSeconds;
        c.requestTimeout = requestTimeout;
        c.shutdownTimeout = shutdownTimeout; c.accessLog = accessLog; c.blockThreshold = blockThreshold;
        c.workerStallLimit = workerStallLimit; c.strictWatchdog = strictWatchdog;
        c.interruptOnDisconnect = interruptOnDisconnect; c.serverHeader = serverHeader; c.title = title;
        c.version = version; c.description = description; c.json = json;
        c.openapiUrl = openapiUrl; c.docsUrl = docsUrl; c.redocUrl = redocUrl; c.stallListeners.addAll(stallListeners);
        c.converters.putAll(converters);
        c.http2 = http2; c.http2MaxStreams = http2MaxStreams; c.http2StreamWindow = http2StreamWindow;
        c.deployment = deployment.copy();
        c.webSockets = webSockets.copy();
        c.observers.addAll(observers); c.accessLogJson = accessLogJson;
        return c;
    }
}
