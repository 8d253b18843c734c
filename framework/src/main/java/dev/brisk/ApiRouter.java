package dev.brisk;

import dev.brisk.deps.Provider;
import dev.brisk.params.Controllers;
import dev.brisk.routing.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A group of routes with a common prefix, tags, dependencies and documented responses, like FastAPI's
 * {@code APIRouter}: build one per feature, include it in the app (or in another router, whose prefix
 * and settings then come first).
 *
 * <pre>{@code
 * ApiRouter items = ApiRouter.create().prefix("/items").tags("items")
 *         .dependencies(VERIFY_TOKEN)                 // runs before every route of the router
 *         .response(404, "Item not found");
 * items.get("/", worker(req -> repo.all()));
 * items.get("/{item_id}", worker(req -> repo.get(req.pathParam("item_id"))));
 * items.include(new ItemsAdminController());         // controllers too
 *
 * app.include(ApiRouter.create().prefix("/api/v1").include(items));   // GET /api/v1/items/{item_id}
 * }</pre>
 *
 * <p>A router is a description: nothing is compiled until it is included in an app, so one router can
 * be included in several apps (or twice, under two prefixes).
 */
public final class ApiRouter {
    private String prefix = "";
    private final List<String> tags = new ArrayList<>();
    private final List<Provider<?>> dependencies = new ArrayList<>();
    private final Map<Integer, String> responses = new LinkedHashMap<>();
    private final List<Object> entries = new ArrayList<>(); // Route, controller object, or ApiRouter

    private ApiRouter() {}

    public static ApiRouter create() {
        return new ApiRouter();
    }

    /** The path prefix: starts with '/', no trailing '/' (FastAPI's rule). */
    public ApiRouter prefix(String value) {
        Objects.requireNonNull(value, "prefix");
        if (!value.isEmpty() && (!value.startsWith("/") || value.endsWith("/"))) {
            throw new IllegalArgumentException("a prefix must start with '/' and not end with '/': " + value);
        }
        this.prefix = value;
        return this;
    }

    /** OpenAPI tags added to every route of this router. */
    public ApiRouter tags(String... names) {
        tags.addAll(List.of(names));
        return this;
    }

    /** Dependencies run before every route of this router, their values unused (a token check). */
    public ApiRouter dependencies(Provider<?>... providers) {
        dependencies.addAll(List.of(providers));
        return this;
    }

    /** A response documented on every route of this router. */
    public ApiRouter response(int status, String description) {
        responses.put(status, Objects.requireNonNull(description, "description"));
        return this;
    }

    /** Adds a route relative to the prefix; returns it for per-route options. */
    public Route route(String method, String path, Handler handler) {
        Route r = new Route(method, path, handler);
        entries.add(r);
        return r;
    }

    public Route get(String path, Handler handler) { return route("GET", path, handler); }
    public Route post(String path, Handler handler) { return route("POST", path, handler); }
    public Route put(String path, Handler handler) { return route("PUT", path, handler); }
    public Route delete(String path, Handler handler) { return route("DELETE", path, handler); }
    public Route patch(String path, Handler handler) { return route("PATCH", path, handler); }

    /** Adds an annotated controller's routes (see {@link dev.brisk.annotation.Get}) under the prefix. */
    public ApiRouter include(Object controllerOrRouter) {
        entries.add(Objects.requireNonNull(controllerOrRouter, "controller"));
        return this;
    }

    /** The routes with the prefix, tags, dependencies and responses of this router and its parents applied. */
    public List<Route> routes() {
        return routes(Map.of());
    }

    /** As {@link #routes()}, controllers' own parameter types read with the app's {@code converters}. */
    public List<Route> routes(Map<Class<?>, dev.brisk.params.Converter<?>> converters) {
        return routes(converters, "", List.of(), List.of(), Map.of());
    }

    private List<Route> routes(Map<Class<?>, dev.brisk.params.Converter<?>> converters, String outerPrefix, List<String> outerTags, List<Provider<?>> outerDeps,
                               Map<Integer, String> outerResponses) {
        String p = outerPrefix + prefix;
        List<String> t = concat(outerTags, tags);
        List<Provider<?>> d = concat(outerDeps, dependencies);
        Map<Integer, String> res = new LinkedHashMap<>(outerResponses);
        res.putAll(responses);
        List<Route> out = new ArrayList<>();
        for (Object e : entries) {
            switch (e) {
                case Route r -> out.add(r.under(p, t, d, res));
                case ApiRouter nested -> out.addAll(nested.routes(converters, p, t, d, res));
                default -> {
                    for (Route r : Controllers.routes(e, p, converters)) out.add(r.under("", t, d, res));
                }
            }
        }
        return out;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
