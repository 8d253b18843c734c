package dev.brisk.params;

import dev.brisk.Handler;
import dev.brisk.Lane;
import dev.brisk.annotation.Delete;
import dev.brisk.annotation.Doc;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Patch;
import dev.brisk.annotation.Post;
import dev.brisk.annotation.Put;
import dev.brisk.annotation.RunOn;
import dev.brisk.deps.Dependencies;
import dev.brisk.deps.Depends;
import dev.brisk.routing.Route;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns an annotated controller into routes. Each method is compiled once: its parameters into a
 * binding plan (attached to the route as a {@link RoutePlan} extension, which OpenAPI reads), the
 * method into a spreading method handle. The lane is decided here, in one visible place:
 * {@code CompletionStage} return → loop, else worker, unless {@link RunOn} says otherwise.
 *
 * <pre>{@code
 * public final class ItemsController {
 *     @Get("/items/{item_id}") @RunOn(Lane.LOOP)
 *     public Map<String, Object> item(@PathParam int item_id, @Query Optional<String> q,
 *                                     @Query(defaultValue = "10") @Min(1) int limit) { ... }
 * }
 * app.include(new ItemsController());
 * }</pre>
 */
public final class Controllers {
    private Controllers() {}

    /** The routes declared by {@code controller}'s annotated public methods, in name order. */
    public static List<Route> routes(Object controller) {
        return routes(controller, "", Map.of());
    }

    /**
     * As {@link #routes(Object)}, every path under {@code prefix} (an {@code ApiRouter}'s), the app's own
     * parameter types read with its {@code converters}.
     */
    public static List<Route> routes(Object controller, String prefix, Map<Class<?>, Converter<?>> converters) {
        Class<?> type = controller.getClass();
        List<Method> methods = new ArrayList<>(Arrays.asList(type.getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        List<Route> out = new ArrayList<>();
        for (Method m : methods) {
            Mapping mapping = mappingOf(m);
            if (mapping == null) continue;
            String path = prefix + mapping.path();
            Lane lane = laneOf(m, type);
            MethodHandle mh = compile(controller, m);
            Plan plan = Plans.compile(controller, m, path, converters);
            Handler h = handler(lane, mh, m, plan);
            Route r = new Route(mapping.method(), path, h);
            r.extension(RoutePlan.class, plan.spec());
            if (mapping.status() != 200) r.status(mapping.status());
            r.extension(Method.class, m);   // OpenAPI documents the generic return type
            document(r, type.getAnnotation(Doc.class), m.getAnnotation(Doc.class));
            out.add(r);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(type.getName() + " has no public method annotated @Get/@Post/@Put/@Delete/@Patch");
        }
        return out;
    }

    private static void document(Route r, Doc onClass, Doc onMethod) {
        if (onClass != null) r.tags(onClass.tags());
        if (onMethod == null) return;
        r.tags(onMethod.tags());
        if (!onMethod.summary().isEmpty()) r.summary(onMethod.summary());
        if (!onMethod.description().isEmpty()) r.description(onMethod.description());
        if (onMethod.deprecated()) r.deprecated(true);
    }

    /** The lane rule, in one place. */
    static Lane laneOf(Method m, Class<?> type) {
        RunOn on = m.getAnnotation(RunOn.class);
        if (on == null) on = type.getAnnotation(RunOn.class);
        if (on != null) return on.value();
        return CompletionStage.class.isAssignableFrom(m.getReturnType()) ? Lane.LOOP : Lane.WORKER;
    }

    /** What a verb annotation says. */
    private record Mapping(String method, String path, int status) {}

    private static Mapping mappingOf(Method m) {
        for (Annotation a : m.getAnnotations()) {
            if (a instanceof Get g) return new Mapping("GET", g.value(), g.status());
            if (a instanceof Post p) return new Mapping("POST", p.value(), p.status());
            if (a instanceof Put p) return new Mapping("PUT", p.value(), p.status());
            if (a instanceof Delete d) return new Mapping("DELETE", d.value(), d.status());
            if (a instanceof Patch p) return new Mapping("PATCH", p.value(), p.status());
        }
        return null;
    }

    private static MethodHandle compile(Object controller, Method m) {
        try {
            if (!Modifier.isPublic(m.getDeclaringClass().getModifiers())) m.setAccessible(true);
            MethodHandle mh = MethodHandles.lookup().unreflect(m);
            if (!Modifier.isStatic(m.getModifiers())) mh = mh.bindTo(controller);
            int n = m.getParameterCount();
            return mh.asSpreader(Object[].class, n).asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("cannot access " + m + ": " + e.getMessage(), e);
        }
    }

    private static Handler handler(Lane lane, MethodHandle mh, Method m, Plan plan) {
        boolean stage = CompletionStage.class.isAssignableFrom(m.getReturnType());
        dev.brisk.WorkerHandler plain = req -> invoke(mh, plan.arguments(req));
        if (lane == Lane.WORKER) {
            return Handler.worker(stage ? req -> ((CompletionStage<?>) invoke(mh, plan.arguments(req))).toCompletableFuture().join() : plain);
        }
        List<Class<?>> deps = dependencies(m);
        if (!deps.isEmpty()) {
            // Providers may block: resolve them on the worker lane first, then bind and run on the loop.
            return Handler.loop(req -> resolveAll(req, deps).thenCompose(v -> {
                try {
                    Object result = invoke(mh, plan.arguments(req));
                    @SuppressWarnings("unchecked")
                    CompletionStage<Object> next = stage ? (CompletionStage<Object>) result
                            : CompletableFuture.completedFuture(result);
                    return next;
                } catch (Exception e) {
                    return CompletableFuture.<Object>failedFuture(e);
                }
            }));
        }
        return stage ? Handler.loop(req -> (CompletionStage<?>) invoke(mh, plan.arguments(req))) : Handler.loopSafe(plain);
    }

    private static List<Class<?>> dependencies(Method m) {
        List<Class<?>> out = new ArrayList<>();
        for (java.lang.reflect.Parameter p : m.getParameters()) {
            Depends d = p.getAnnotation(Depends.class);
            if (d != null) out.add(d.value());
        }
        return out;
    }

    private static CompletionStage<?> resolveAll(dev.brisk.Request req, List<Class<?>> deps) {
        CompletionStage<?> chain = CompletableFuture.completedFuture(null);
        for (Class<?> d : deps) {
            chain = chain.thenCompose(v -> Dependencies.resolveAsync(req, d));
        }
        return chain;
    }

    private static Object invoke(MethodHandle mh, Object[] args) throws Exception {
        try {
            return (Object) mh.invokeExact(args);
        } catch (Exception | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new InvocationTargetException(t);
        }
    }
}
