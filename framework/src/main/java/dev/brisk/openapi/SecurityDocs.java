package dev.brisk.openapi;

import dev.brisk.routing.Route;
import dev.brisk.security.SecurityScheme;
import dev.brisk.security.SecurityTree;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * FastAPI's security in the document: each scheme a route's dependency tree uses becomes an entry of
 * {@code components.securitySchemes} (by scheme name) and one requirement of the operation's
 * {@code security}, with the scopes required on the way to it.
 */
final class SecurityDocs {
    private final Function<Class<?>, Object> dependencies;
    private final Map<String, Map<String, Object>> schemes = new LinkedHashMap<>();

    SecurityDocs(Function<Class<?>, Object> dependencies) {
        this.dependencies = dependencies;
    }

    /** The operation's {@code security}, empty when the route uses no scheme; records the schemes it names. */
    List<SecurityRequirement> requirements(Route route) {
        Map<String, Set<String>> byName = new LinkedHashMap<>();
        for (SecurityTree.Requirement r : SecurityTree.requirements(route)) {
            SecurityScheme<?> scheme = scheme(r.scheme());
            if (scheme == null) throw new IllegalStateException("no object for the security scheme " + r.scheme()
                    + ": register one with app.dependency(Type.class, scheme) or give the class a no-arg constructor");
            String name = scheme.schemeName();
            Map<String, Object> model = scheme.openApi();
            Map<String, Object> earlier = schemes.putIfAbsent(name, model);
            if (earlier != null && !earlier.equals(model)) {
                throw new IllegalStateException("two different security schemes are named " + name + "; give one a schemeName(...)");
            }
            byName.computeIfAbsent(name, n -> new LinkedHashSet<>()).addAll(r.scopes());
        }
        List<SecurityRequirement> out = new ArrayList<>();
        byName.forEach((name, scopes) -> out.add(new SecurityRequirement().addList(name, new ArrayList<>(scopes))));
        return out;
    }

    /** {@code components.securitySchemes}, as the schemes describe themselves. */
    Map<String, Map<String, Object>> schemes() {
        return schemes;
    }

    private SecurityScheme<?> scheme(Object key) {
        if (key instanceof SecurityScheme<?> s) return s;
        Class<?> type = (Class<?>) key;
        Object o = dependencies.apply(type);
        if (o == null) {
            try {
                var c = type.getDeclaredConstructor();
                c.setAccessible(true);
                o = c.newInstance();
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
        return o instanceof SecurityScheme<?> s ? s : null;
    }
}
