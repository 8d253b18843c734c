package dev.brisk.routing;

import dev.brisk.Handler;
import dev.brisk.Lane;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One registered route: method, path template, handler (and so its lane), plus per-route options.
 * Options may be set fluently until the app starts; after that the route is frozen.
 *
 * <pre>{@code
 * app.post("/items", worker(req -> create(req))).status(201).summary("Create an item").tags("items");
 * app.get("/slow", worker(req -> slow())).timeout(Duration.ofSeconds(2));
 * }</pre>
 */
public final class Route {
    private final String method;
    private final PathTemplate path;
    private final Handler handler;
    private String label;
    private int status = 200;
    private Duration timeout;
    private String summary;
    private String description;
    private String operationId;
    private boolean deprecated;
    private boolean includeInSchema = true;
    private boolean inFlightLimited = true;
    private final List<String> tags = new ArrayList<>();
    private final List<dev.brisk.deps.Provider<?>> dependencies = new ArrayList<>();
    private final Map<Integer, String> responses = new java.util.TreeMap<>();
    private final Map<Class<?>, Object> extensions = new LinkedHashMap<>();
    private volatile boolean frozen;

    public Route(String method, String path, Handler handler) {
        this.method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        this.path = PathTemplate.parse(path);
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    public String method() {
        return method;
    }

    public PathTemplate path() {
        return path;
    }

    /** The path template as written, e.g. {@code /items/{item_id}}. */
    public String template() {
        return path.template();
    }

    public Handler handler() {
        return handler;
    }

    public Lane lane() {
        return handler.lane();
    }

    /** "GET /items/{item_id}": how logs and the watchdog name the route. */
    public String label() {
        // made once: tracing names every request's span with it (a benign race: both writers store equal strings)
        String l = label;
        if (l == null) label = l = method + " " + path.template();
        return l;
    }

    /** The status of a successful plain-value response (default 200). */
    public int status() {
        return status;
    }

    public Route status(int newStatus) {
        check();
        if (newStatus < 100 || newStatus > 599) throw new IllegalArgumentException("status " + newStatus);
        this.status = newStatus;
        return this;
    }

    /** The request time limit for this route, or {@code null} for the app's default. */
    public Duration timeout() {
        return timeout;
    }

    /** Sets this route's time limit; past it the client gets 504 {@code {"detail":"Request time limit exceeded"}}. */
    public Route timeout(Duration limit) {
        check();
        this.timeout = limit;
        return this;
    }

    public String summary() {
        return summary;
    }

    public Route summary(String text) {
        check();
        this.summary = text;
        return this;
    }

    public String description() {
        return description;
    }

    public Route description(String text) {
        check();
        this.description = text;
        return this;
    }

    public String operationId() {
        return operationId;
    }

    public Route operationId(String id) {
        check();
        this.operationId = id;
        return this;
    }

    public boolean deprecated() {
        return deprecated;
    }

    public Route deprecated(boolean value) {
        check();
        this.deprecated = value;
        return this;
    }

    /** Whether OpenAPI documents this route (FastAPI's {@code include_in_schema}). */
    public boolean includeInSchema() {
        return includeInSchema;
    }

    public Route includeInSchema(boolean value) {
        check();
        this.includeInSchema = value;
        return this;
    }

    /** Whether the route counts against the in-flight limit (default true). */
    public boolean inFlightLimited() {
        return inFlightLimited;
    }

    /**
     * Exempts the route from the in-flight limit when {@code false}: health and metrics routes must
     * answer while the server refuses other work with 503, or an orchestrator restarts a busy instance.
     */
    public Route inFlightLimited(boolean value) {
        check();
        this.inFlightLimited = value;
        return this;
    }

    public List<String> tags() {
        return List.copyOf(tags);
    }

    public Route tags(String... names) {
        check();
        tags.addAll(List.of(names));
        return this;
    }

    /**
     * Dependencies run before the handler, their values unused (FastAPI's {@code dependencies=[...]}):
     * a check that may reject the request (a token, a rate limit), or a side effect.
     */
    public List<dev.brisk.deps.Provider<?>> dependencies() {
        return List.copyOf(dependencies);
    }

    public Route dependencies(dev.brisk.deps.Provider<?>... providers) {
        check();
        dependencies.addAll(List.of(providers));
        return this;
    }

    /** Extra documented responses by status (FastAPI's {@code responses={404: {...}}}). */
    public Map<Integer, String> responses() {
        return Map.copyOf(responses);
    }

    public Route response(int status, String description) {
        check();
        responses.put(status, Objects.requireNonNull(description, "description"));
        return this;
    }

    /**
     * A copy of this route under {@code prefix}, with the router's tags, dependencies and responses
     * before its own (what {@link dev.brisk.ApiRouter} does when it is included).
     */
    public Route under(String prefix, List<String> moreTags, List<dev.brisk.deps.Provider<?>> moreDependencies,
                       Map<Integer, String> moreResponses) {
        Route r = new Route(method, prefix + path.template(), handler);
        r.status = status;
        r.timeout = timeout;
        r.summary = summary;
        r.description = description;
        r.operationId = operationId;
        r.deprecated = deprecated;
        r.includeInSchema = includeInSchema;
        r.inFlightLimited = inFlightLimited;
        for (String t : moreTags) if (!r.tags.contains(t)) r.tags.add(t);
        for (String t : tags) if (!r.tags.contains(t)) r.tags.add(t);
        r.dependencies.addAll(moreDependencies);
        r.dependencies.addAll(dependencies);
        r.responses.putAll(moreResponses);
        r.responses.putAll(responses);
        r.extensions.putAll(extensions);
        return r;
    }

    /** Extension data attached by framework layers (e.g. the compiled parameter plan, for OpenAPI). */
    public <T> T extension(Class<T> type) {
        return type.cast(extensions.get(type));
    }

    public <T> Route extension(Class<T> type, T value) {
        check();
        extensions.put(type, value);
        return this;
    }

    void freeze() {
        frozen = true;
    }

    private void check() {
        if (frozen) throw new IllegalStateException("route " + label() + " is frozen: the app has started");
    }

    @Override
    public String toString() {
        return label() + " [" + lane().label() + "]";
    }
}
