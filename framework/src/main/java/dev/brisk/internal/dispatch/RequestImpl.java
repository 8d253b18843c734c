package dev.brisk.internal.dispatch;

import dev.brisk.Loop;
import dev.brisk.Request;
import dev.brisk.State;
import dev.brisk.routing.Route;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link Request} handlers see: a thin, lazily-parsing view over the server's exchange. */
final class RequestImpl implements Request, dev.brisk.internal.app.AppAware, dev.brisk.params.FormLimits.Source {
    private final Exchange ex;
    private final Route route;
    private final Map<String, String> pathParams;
    private final Offloader offloader;
    private final String path;
    private final String rawQuery;
    private Map<String, List<String>> query;
    private Map<String, String> cookies;
    private Map<String, Object> attributes;
    private Pipeline app;
    private volatile Throwable failure; // how the request failed, for exit cleanups; first one wins
    dev.brisk.observe.Observed observed; // null unless observers are installed (obs hook)

    RequestImpl(Exchange ex, String path, String rawQuery, Route route, Map<String, String> pathParams,
                Offloader offloader) {
        this.ex = ex;
        this.path = path;
        this.rawQuery = rawQuery;
        this.route = route;
        this.pathParams = pathParams;
        this.offloader = offloader;
    }

    @Override public String method() { return ex.method(); }
    @Override public dev.brisk.params.FormLimits formLimits() { return ex.formLimits(); }
    @Override public String path() { return path; }
    @Override public String uri() { return ex.uri(); }
    @Override public String rawQuery() { return rawQuery; }
    @Override public String protocol() { return ex.protocol(); }
    /** {@code null} when no route matched (a 404/405 seen by middleware). */
    @Override public String routeTemplate() { return route == null ? null : route.template(); }
    @Override public String pathParam(String name) { return pathParams.get(name); }
    @Override public Map<String, String> pathParams() { return pathParams; }

    @Override
    public String queryParam(String name) {
        List<String> v = queryParamMap().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override
    public List<String> queryParams(String name) {
        return queryParamMap().getOrDefault(name, List.of());
    }

    @Override
    public Map<String, List<String>> queryParamMap() {
        if (query == null) query = QueryString.parse(rawQuery);
        return query;
    }

    @Override public String header(String name) { return ex.header(name); }
    @Override public List<String> headers(String name) { return ex.headers(name); }
    @Override public List<Map.Entry<String, String>> headerEntries() { return ex.headerEntries(); }

    @Override
    public String cookie(String name) {
        return cookies().get(name);
    }

    @Override
    public Map<String, String> cookies() {
        if (cookies == null) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String h : ex.headers("cookie")) {
                for (String part : h.split(";")) {
                    int eq = part.indexOf('=');
                    if (eq <= 0) continue;
                    String v = part.substring(eq + 1).trim();
                    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                    out.putIfAbsent(part.substring(0, eq).trim(), v);
                }
            }
            cookies = Map.copyOf(out);
        }
        return cookies;
    }

    @Override public byte[] body() { return ex.body(); }
    @Override public java.nio.ByteBuffer bodyBuffer() { return ex.bodyBuffer(); }
    @Override public long bodyLength() { return ex.bodyLength(); }
    @Override public String bodyText() { return new String(ex.body(), StandardCharsets.UTF_8); }
    @Override
    public <T> T bodyAs(Class<T> type) {
        // Through the params binder, so a malformed or invalid body is FastAPI's 422, not a 500.
        dev.brisk.params.Params p = dev.brisk.params.Params.of(this);
        T value = p.body(type);
        p.validate();
        return value;
    }
    @Override public InetSocketAddress remoteAddress() { return ex.remoteAddress(); }
    @Override public InetSocketAddress client() { return ex.client(); }
    @Override public String scheme() { return ex.scheme(); }
    @Override public String rootPath() { return ex.rootPath(); }
    @Override public String url() { return ex.scheme() + "://" + ex.host() + ex.rootPath() + ex.uri(); }

    @Override
    public synchronized Map<String, Object> attributes() {
        if (attributes == null) attributes = new ConcurrentHashMap<>(new HashMap<>());
        return attributes;
    }

    /** The attributes if any were created, else {@code null}: lets the dispatcher skip after-response work cheaply. */
    synchronized Map<String, Object> attributesIfPresent() {
        return attributes;
    }

    @Override public State appState() { return app.state(); }

    RequestImpl app(Pipeline pipeline) {
        this.app = pipeline;
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T service(Class<T> type) {
        if (type == dev.brisk.deps.Registry.class) return (T) app.registry();
        if (type == dev.brisk.json.Json.class) return (T) app.json();
        if (type == dev.brisk.BriskConfig.class) return (T) app.config();
        return null;
    }

    @Override public Loop loop() { return ex.loop(); }

    @Override
    public <T> CompletionStage<T> offload(Callable<T> work) {
        return offloader.offload(ex.loop(), label(), work, null, false);
    }

    @Override
    public <T> CompletionStage<T> offload(Callable<T> work, Duration timeout) {
        return offloader.offload(ex.loop(), label(), work, timeout, false);
    }

    @Override
    public <T> CompletionStage<T> offloadCpu(Callable<T> work) {
        return offloader.offload(ex.loop(), label(), work, null, true);
    }

    @Override
    public CompletionStage<Void> sleep(Duration duration) {
        return offloader.sleep(ex.loop(), label(), duration);
    }

    @Override public boolean isConnected() { return ex.isOpen(); }

    Route route() { return route; }

    /** The matched route of a request Brisk made, or {@code null}; for dev.brisk.security's SecurityScopes. */
    static Route routeOf(dev.brisk.Request request) { return request instanceof RequestImpl r ? r.route : null; }

    void failed(Throwable t) {
        if (failure == null) failure = t;
    }

    Throwable failure() { return failure; }

    String label() {
        return route == null ? method() + " " + path : route.label();
    }
}
