package dev.brisk.params;

import dev.brisk.deps.Provider;
import dev.brisk.deps.Registry;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dependencies that declare their inputs, as FastAPI's do: a class with one public {@code provide}
 * method whose parameters are annotated like a route's. The method is compiled with the same
 * {@link Plans} as a handler, so its inputs are validated with the same 422s and appear in the route's
 * OpenAPI parameters.
 *
 * <pre>{@code
 * public final class VerifyToken {
 *     private final Users users;                       // built by the app, e.g. around a DataSource
 *     public VerifyToken(Users users) { this.users = users; }
 *     public User provide(@Header("x-token") String token) {
 *         return users.byToken(token).orElseThrow(() -> new HttpException(401, "Invalid token"));
 *     }
 * }
 * app.dependency(VerifyToken.class, new VerifyToken(users));
 * @Get("/me") public User me(@Depends(VerifyToken.class) User user) { return user; }
 * }</pre>
 */
public final class DeclaredProviders {
    private DeclaredProviders() {}

    /** The binding the app's {@link Registry} uses for declared providers. */
    public static Registry.Binding binding() {
        return binding(Map.of());
    }

    /** As {@link #binding()}, reading the app's own types with its {@code converters}. */
    public static Registry.Binding binding(Map<Class<?>, Converter<?>> converters) {
        return (target, provide) -> provider(target, provide, converters);
    }

    /** The inputs {@code type}'s {@code provide} method declares (and its dependencies', recursively), for OpenAPI. */
    static List<ParamSpec> specs(Class<?> type, String template, Map<Class<?>, Converter<?>> converters) {
        Method provide = Registry.declaredProvide(type);
        if (provide == null) return List.of();
        return Plans.compile(null, provide, template, converters).spec().params();
    }

    private static Provider<?> provider(Object target, Method provide, Map<Class<?>, Converter<?>> converters) {
        // The plan depends on the route's template (an unannotated name in the path is a path parameter):
        // compiled once per template the provider is used under.
        Map<String, Plan> plans = new ConcurrentHashMap<>();
        return scope -> {
            String template = scope.request().routeTemplate();
            Plan plan = plans.computeIfAbsent(template == null ? "/" : template, t -> Plans.compile(target, provide, t, converters));
            Object[] args = plan.arguments(scope.request());
            try {
                return provide.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception ex) throw ex;
                throw (Error) e.getCause();
            }
        };
    }

}
