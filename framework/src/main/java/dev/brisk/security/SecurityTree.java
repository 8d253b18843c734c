package dev.brisk.security;

import dev.brisk.Request;
import dev.brisk.deps.Depends;
import dev.brisk.deps.Provider;
import dev.brisk.deps.Registry;
import dev.brisk.internal.dispatch.MatchedRoute;
import dev.brisk.routing.Route;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The security schemes a route's dependency tree uses, with their scopes: the handler's {@code @Depends}
 * parameters, the {@code provide} parameters of declared dependencies below them (recursively), and
 * the route's and routers' dependencies ({@link SecurityScheme} objects and {@link Security} requirements).
 * Read from the declarations, so it is known before any request: the OpenAPI document uses it, and
 * {@link SecurityScopes} reads the union of the scopes.
 *
 * <pre>{@code
 * for (SecurityTree.Requirement r : SecurityTree.requirements(route)) System.out.println(r.scheme() + " " + r.scopes());
 * }</pre>
 */
public final class SecurityTree {
    private SecurityTree() {}

    /**
     * One use of a scheme.
     *
     * @param scheme the scheme's {@code @Depends} class, or the {@link SecurityScheme} object given to {@code dependencies(...)}
     * @param scopes the scopes required on the way to it, in declaration order
     */
    public record Requirement(Object scheme, List<String> scopes) {}

    // Routes are immutable once served; computed once per route (weak: apps in tests come and go).
    private static final Map<Route, List<String>> SCOPES = java.util.Collections.synchronizedMap(new WeakHashMap<>());

    /** Every scheme use in {@code route}'s tree, in the order FastAPI lists them (route dependencies first). */
    public static List<Requirement> requirements(Route route) {
        List<Requirement> out = new ArrayList<>();
        for (Provider<?> p : route.dependencies()) {
            if (p instanceof SecurityScheme<?> s) out.add(new Requirement(s, List.of()));
            else if (p instanceof Security sec) visit(sec.dependency(), sec.scopes(), out, 0);
        }
        Method handler = route.extension(Method.class);
        if (handler != null) visitParams(handler, List.of(), out, 0);
        return out;
    }

    static List<String> scopesOf(Request request) {
        Route route = MatchedRoute.of(request);
        if (route == null) return List.of();
        return SCOPES.computeIfAbsent(route, r -> {
            Set<String> all = new LinkedHashSet<>();
            for (Requirement q : requirements(r)) all.addAll(q.scopes());
            all.addAll(declaredScopes(r));
            return List.copyOf(all);
        });
    }

    /** Scopes declared on the way to dependencies that are not schemes (a SecurityScopes reader with no scheme below). */
    private static List<String> declaredScopes(Route route) {
        List<String> out = new ArrayList<>();
        for (Provider<?> p : route.dependencies()) if (p instanceof Security sec) out.addAll(sec.scopes());
        Method handler = route.extension(Method.class);
        if (handler != null) {
            for (Parameter p : handler.getParameters()) {
                Scopes s = p.getAnnotation(Scopes.class);
                if (s != null) out.addAll(List.of(s.value()));
            }
        }
        return out;
    }

    private static void visitParams(Method m, List<String> scopes, List<Requirement> out, int depth) {
        for (Parameter p : m.getParameters()) {
            Depends d = p.getAnnotation(Depends.class);
            if (d == null) continue;
            Scopes s = p.getAnnotation(Scopes.class);
            List<String> here = scopes;
            if (s != null) {
                here = new ArrayList<>(scopes);
                here.addAll(List.of(s.value()));
            }
            visit(d.value(), here, out, depth + 1);
        }
    }

    private static void visit(Class<?> type, List<String> scopes, List<Requirement> out, int depth) {
        if (depth > 32) throw new IllegalArgumentException("dependency cycle through " + type.getName());
        if (SecurityScheme.class.isAssignableFrom(type)) {
            out.add(new Requirement(type, List.copyOf(scopes)));
            return;
        }
        Method provide = Registry.declaredProvide(type);
        if (provide != null) visitParams(provide, scopes, out, depth);
    }
}
