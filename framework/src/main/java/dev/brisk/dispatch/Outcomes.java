package dev.brisk.dispatch;

import dev.brisk.HttpException;
import dev.brisk.Response;
import dev.brisk.Status;
import dev.brisk.json.Json;
import dev.brisk.routing.Route;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a handler produced into a {@link Response}: values become JSON with the route's status;
 * {@link HttpException} becomes {@code {"detail": ...}}; anything else becomes a 500 that reveals
 * nothing, logged once with its stack.
 */
final class Outcomes {
    private static final Logger log = LoggerFactory.getLogger("brisk.error");

    private final Json json;

    Outcomes(Json json) {
        this.json = json;
    }

    Response success(Object value, Route route) {
        if (value instanceof Response r) return r;
        Response r = Response.rawJson(json.encode(value));
        return route.status() == 200 ? r : r.withStatus(route.status());
    }

    Response failure(Throwable error, Route route) {
        Throwable t = unwrap(error);
        if (t instanceof HttpException he) return httpError(he);
        log.error("unhandled exception in {}", route == null ? "request" : route.label(), t);
        return detail(500, Status.reason(500));
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
