package dev.brisk.routing;

import dev.brisk.Handler;
import dev.brisk.Lane;
import dev.brisk.Response;
import dev.brisk.WebSocketHandler;
import java.util.Objects;

/**
 * A registered WebSocket endpoint: path template and handler (so its lane). Matched only by upgrade
 * requests; a plain GET to the same path is a 404, as in Starlette.
 *
 * <pre>{@code
 * WebSocketRoute r = app.websocket("/ws/echo", WebSocketHandler.loop(ws -> { ws.accept(); ws.onMessage(ws::send); }));
 * System.out.println(r.label() + " on the " + r.lane().label() + " lane");   // WS /ws/echo on the loop lane
 * }</pre>
 */
public final class WebSocketRoute {
    private final Route route;
    private final WebSocketHandler handler;

    public WebSocketRoute(String path, WebSocketHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        // A Route with the pseudo-method WS gives the endpoint the router's matching and the label the
        // watchdog and logs use; its HTTP handler is never called (WS routes are not in the HTTP router).
        this.route = new Route("WS", path, Handler.loopSafe(req -> Response.status(404)));
    }

    public String template() {
        return route.template();
    }

    /** "WS /ws/echo": how logs and the watchdog name the endpoint. */
    public String label() {
        return route.label();
    }

    public Lane lane() {
        return handler.lane();
    }

    public WebSocketHandler handler() {
        return handler;
    }

    /** The route the WebSocket router matches (method {@code WS}). */
    public Route route() {
        return route;
    }

    @Override
    public String toString() {
        return label() + " [" + lane().label() + "]";
    }
}
