package dev.brisk.internal.routing;

import dev.brisk.routing.Route;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a request's method and path to a route. Static paths are one hash lookup; templated paths
 * are tried most-specific first (more literal segments win), then in registration order. Built once,
 * immutable, safe to share between event loops. Internal: users group routes with {@code ApiRouter};
 * the app builds one {@code Router} over all of them at start.
 */
public final class Router {
    /** The outcome of a lookup: a route, a 405 with the allowed methods, a slash redirect, or nothing. */
    public sealed interface Match permits Found, NotAllowed, Redirect, NotFound {}

    /** A route matched; {@code index} is its position in {@link #routes()}, for per-route tables. */
    public record Found(Route route, int index, Map<String, String> params) implements Match {}

    /** The path exists for other methods (405 with {@code Allow}). */
    public record NotAllowed(Set<String> allowed) implements Match {}

    /** The path differs from a route's only by a trailing slash (FastAPI's redirect_slashes). */
    public record Redirect(String path) implements Match {}

    public record NotFound() implements Match {}

    private static final Match NOT_FOUND = new NotFound();

    private final Map<String, Map<String, Route>> staticRoutes = new HashMap<>();
    private record Templated(Route route, int index) {}

    private final List<Templated> templated = new ArrayList<>();
    private final List<Route> all;
    // Static hits are the hot path (/plaintext, /json): their Match is built once, not per request.
    private final Map<Route, Found> staticMatches = new java.util.IdentityHashMap<>();

    /** Builds the router; throws {@link IllegalArgumentException} naming both routes on a conflict. */
    public Router(List<Route> routes) {
        this.all = List.copyOf(routes);
        for (int i = 0; i < all.size(); i++) {
            Route a = all.get(i);
            for (int j = 0; j < i; j++) {
                Route b = all.get(j);
                if (a.method().equals(b.method()) && a.path().clashesWith(b.path())) {
                    throw new IllegalArgumentException("conflicting routes: " + b.label() + " and " + a.label()
                            + " match the same requests; remove one or make a segment literal");
                }
            }
            a.freeze();
            if (a.path().isStatic()) {
                staticRoutes.computeIfAbsent(a.template(), k -> new LinkedHashMap<>()).put(a.method(), a);
                staticMatches.put(a, new Found(a, i, Map.of()));
            } else {
                templated.add(new Templated(a, i));
            }
        }
        templated.sort(Comparator.comparingInt((Templated t) -> -t.route().path().specificity()));
    }

    public List<Route> routes() {
        return all;
    }

    /**
     * Looks up {@code method path}. HEAD falls back to GET. A miss whose path differs only by a
     * trailing slash from a real route gets a redirect target, as FastAPI's {@code redirect_slashes}.
     */
    public Match match(String method, String path) {
        Match m = lookup(method, path);
        if (m != NOT_FOUND) return m;
        if (path.length() > 1) {
            String alt = path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
            if (lookup(method, alt) instanceof Found) return new Redirect(alt);
        }
        return NOT_FOUND;
    }

    private Match lookup(String method, String path) {
        Map<String, Route> byMethod = staticRoutes.get(path);
        if (byMethod != null) {
            Route r = pick(byMethod, method);
            if (r != null) return staticMatches.get(r);
        }
        Set<String> allowed = null;
        if (byMethod != null) allowed = new LinkedHashSet<>(allowedOf(byMethod.keySet()));
        for (int i = 0; i < templated.size(); i++) {
            Route r = templated.get(i).route();
            if (!r.path().matches(path)) continue;
            if (r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"))) {
                return new Found(r, templated.get(i).index(), r.path().params(path));
            }
            if (allowed == null) allowed = new LinkedHashSet<>();
            allowed.addAll(allowedOf(Set.of(r.method())));
        }
        if (allowed != null && !allowed.isEmpty()) return new NotAllowed(allowed);
        return NOT_FOUND;
    }

    private static Route pick(Map<String, Route> byMethod, String method) {
        Route r = byMethod.get(method);
        if (r == null && method.equals("HEAD")) r = byMethod.get("GET");
        return r;
    }

    private static Set<String> allowedOf(Set<String> methods) {
        Set<String> out = new LinkedHashSet<>(methods);
        if (out.contains("GET")) out.add("HEAD");
        return out;
    }
}
