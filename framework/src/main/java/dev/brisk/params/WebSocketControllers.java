package dev.brisk.params;

import dev.brisk.Lane;
import dev.brisk.WebSocket;
import dev.brisk.WebSocketHandler;
import dev.brisk.annotation.Delete;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Patch;
import dev.brisk.annotation.Post;
import dev.brisk.annotation.Put;
import dev.brisk.annotation.WebSocketEndpoint;
import dev.brisk.deps.Dependencies;
import dev.brisk.deps.Depends;
import dev.brisk.internal.app.Sockets;
import dev.brisk.routing.WebSocketRoute;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns a controller's {@link WebSocketEndpoint} methods into WebSocket routes. Parameters compile
 * through the same {@link Plans} as HTTP routes (a {@link WebSocket} parameter binds to the socket); the
 * plan is attached as a {@link RoutePlan} extension of the endpoint's route, for tools that read it.
 */
public final class WebSocketControllers {
    private WebSocketControllers() {}

    /** Binds a {@code WebSocket} parameter: the socket the dispatch put on the upgrade request. */
    static final Binder SOCKET = new Binder() {
        @Override
        public Object bind(Bound b) {
            return b.request.attributes().get(Sockets.ATTRIBUTE);
        }

        @Override
        public ParamSpec spec() {
            return null;
        }
    };

    /** The WebSocket endpoints of {@code controller}, in name order (empty when it has none). */
    public static List<WebSocketRoute> routes(Object controller) {
        Class<?> type = controller.getClass();
        List<Method> methods = new ArrayList<>(Arrays.asList(type.getMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        List<WebSocketRoute> out = new ArrayList<>();
        for (Method m : methods) {
            WebSocketEndpoint ws = m.getAnnotation(WebSocketEndpoint.class);
            if (ws == null) continue;
            if (m.getReturnType() != void.class) throw new IllegalArgumentException(m + ": a WebSocket endpoint returns void");
            Plan plan = Plans.compile(controller, m, ws.value());
            if (plan.spec().bodyMediaType() != null) throw new IllegalArgumentException(m + ": a WebSocket endpoint has no request body");
            if (!Modifier.isPublic(type.getModifiers())) m.setAccessible(true);
            WebSocketRoute r = new WebSocketRoute(ws.value(), handler(Controllers.laneOf(m, type), controller, m, plan));
            r.route().extension(RoutePlan.class, plan.spec());
            out.add(r);
        }
        return out;
    }

    /** Whether {@code controller} also declares HTTP routes. */
    public static boolean hasHttpRoutes(Object controller) {
        for (Method m : controller.getClass().getMethods()) {
            if (m.isAnnotationPresent(Get.class) || m.isAnnotationPresent(Post.class) || m.isAnnotationPresent(Put.class)
                    || m.isAnnotationPresent(Delete.class) || m.isAnnotationPresent(Patch.class)) return true;
        }
        return false;
    }

    private static WebSocketHandler handler(Lane lane, Object target, Method m, Plan plan) {
        if (lane == Lane.WORKER) return WebSocketHandler.worker(ws -> invoke(target, m, plan.arguments(ws.request())));
        List<Class<?>> deps = new ArrayList<>();
        for (var p : m.getParameters()) {
            Depends d = p.getAnnotation(Depends.class);
            if (d != null) deps.add(d.value());
        }
        if (deps.isEmpty()) return WebSocketHandler.loop(ws -> invoke(target, m, plan.arguments(ws.request())));
        // Providers may block: resolve them on the worker lane first, then bind and start on the loop.
        return WebSocketHandler.loop(ws -> {
            CompletionStage<?> chain = CompletableFuture.completedFuture(null);
            for (var d : deps) chain = chain.thenCompose(v -> Dependencies.resolveAsync(ws.request(), d));
            chain.thenRun(() -> {
                try {
                    invoke(target, m, plan.arguments(ws.request()));
                } catch (Exception e) {
                    Sockets.fail(ws, e);
                }
            }).exceptionally(e -> {
                Sockets.fail(ws, e);
                return null;
            });
        });
    }

    private static void invoke(Object target, Method m, Object[] args) throws Exception {
        try {
            m.invoke(Modifier.isStatic(m.getModifiers()) ? null : target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) throw x;
            if (e.getCause() instanceof Error x) throw x;
            throw e;
        }
    }
}
