package dev.brisk.internal.dispatch;

import dev.brisk.ExceptionHandler;
import dev.brisk.HttpException;
import dev.brisk.Request;
import dev.brisk.Response;
import dev.brisk.Status;
import dev.brisk.json.Json;
import dev.brisk.routing.Route;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a handler produced into a {@link Response}: values become JSON with the route's status;
 * an exception goes to the handler registered for its most specific type ({@link HttpException} →
 * {@code {"detail": ...}} by default); anything unhandled becomes a 500 that reveals nothing, logged
 * once with its stack.
 */
final class Outcomes {
    private static final Logger log = LoggerFactory.getLogger("brisk.error");
    private static final ExceptionHandler<Throwable> NONE = (req, e) -> null;

    private final Json json;
    private final Map<Class<? extends Throwable>, ExceptionHandler<?>> registered;
    // Per exception class, the handler found by walking up its superclasses (NONE if none): the walk
    // happens once per class, not per error.
    private final Map<Class<?>, ExceptionHandler<?>> resolved = new ConcurrentHashMap<>();

    Outcomes(Json json) {
        this(json, Map.of());
    }

    Outcomes(Json json, Map<Class<? extends Throwable>, ExceptionHandler<?>> handlers) {
        this.json = json;
        this.registered = Map.copyOf(handlers);
    }

    Response success(Object value, Route route) {
        if (value instanceof Response r) return r.encodedWith(json);
        Response r = Response.rawJson(json.encode(value));
        return route.status() == 200 ? r : r.withStatus(route.status());
    }

    /** A middleware's own answer, with a {@code Response.json} value written by the app's mapper. */
    Response encoded(Response r) {
        return r.encodedWith(json);
    }

    Response failure(Throwable error, Route route) {
        return failure(error, route, null);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Response failure(Throwable error, Route route, Request req) {
        Throwable t = unwrap(error);
        if (req instanceof RequestImpl ri) ri.failed(t);
        ExceptionHandler h = resolved.computeIfAbsent(t.getClass(), this::lookup);
        if (h != NONE) {
            try {
                Response r = h.handle(req, t);
                if (r != null) return r.encodedWith(json);
                log.error("exception handler for {} returned null in {}", t.getClass().getName(), where(route, req), t);
            } catch (Throwable handlerError) {
                handlerError.addSuppressed(t);
                log.error("exception handler for {} failed in {}", t.getClass().getName(), where(route, req), handlerError);
            }
            return detail(500, Status.reason(500));
        }
        if (t instanceof HttpException he) return httpError(he);
        log.error("unhandled exception in {}", where(route, req), t);
        return detail(500, Status.reason(500));
    }

    private ExceptionHandler<?> lookup(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            ExceptionHandler<?> h = registered.get(c);
            if (h != null) return h;
            if (c == HttpException.class) return (ExceptionHandler<HttpException>) (req, e) -> httpError(e);
        }
        return NONE;
    }

    private static String where(Route route, Request req) {
        if (route != null) return route.label();
        return req == null ? "request" : req.method() + " " + req.path();
    }

    Response httpError(HttpException he) {
        Response r = he.status() == 204 || he.status() == 304 || he.status() < 200
                ? Response.status(he.status()) : Response.rawJson(json.encode(Map.of("detail", nullSafe(he.detail()))))
                        .withStatus(he.status());
        for (Map.Entry<String, String> h : he.headers().entrySet()) r = r.withHeader(h.getKey(), h.getValue());
        return r;
    }

    Response detail(int status, Object detail) {
        return Response.rawJson(json.encode(Map.of("detail", detail))).withStatus(status);
    }

    private static Object nullSafe(Object detail) {
        return detail == null ? Status.reason(500) : detail;
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    static boolean isCancellation(Throwable t) {
        return unwrap(t) instanceof CancellationException;
    }
}
