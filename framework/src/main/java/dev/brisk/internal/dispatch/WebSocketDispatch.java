package dev.brisk.internal.dispatch;

import dev.brisk.HttpException;
import dev.brisk.Lane;
import dev.brisk.RequestValidationException;
import dev.brisk.Response;
import dev.brisk.WebSocket;
import dev.brisk.deps.Dependencies;
import dev.brisk.routing.Route;
import dev.brisk.internal.routing.Router;
import dev.brisk.routing.WebSocketRoute;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches upgrade requests to WebSocket endpoints and runs each endpoint in its lane: loop endpoints on
 * the connection's event loop inside the watchdog's enter/exit, worker endpoints on a virtual thread of
 * their own (always virtual, whatever the HTTP worker mode: a socket holds its thread for its whole
 * life, which would starve a bounded pool). Middleware does not apply, as in Starlette, whose HTTP
 * middleware never sees the websocket scope. Internal API.
 */
public final class WebSocketDispatch {
    private static final Logger log = LoggerFactory.getLogger("brisk.websocket");
    /** The request attribute holding the socket; the parameter binder reads it for {@code WebSocket} parameters. */
    public static final String ATTRIBUTE = dev.brisk.internal.app.Sockets.ATTRIBUTE;

    private final Router router;
    private final Map<Route, WebSocketRoute> endpoints = new IdentityHashMap<>();
    private final Dispatcher dispatcher;
    private final ThreadFactory threads = Thread.ofVirtual().name("brisk-ws-", 1).factory();

    public WebSocketDispatch(List<WebSocketRoute> routes, Dispatcher dispatcher) {
        List<Route> rs = new ArrayList<>();
        for (WebSocketRoute r : routes) {
            rs.add(r.route());
            endpoints.put(r.route(), r);
        }
        this.router = new Router(rs);
        this.dispatcher = dispatcher;
    }

    /** A matched upgrade: the endpoint, its path parameters and the split target. */
    public record Target(WebSocketRoute endpoint, Map<String, String> params, String path, String rawQuery) {}

    /** The endpoint for {@code uri}, or {@code null}. */
    public Target match(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String rawQuery = q < 0 ? "" : uri.substring(q + 1);
        if (!(router.match("WS", path) instanceof Router.Found f)) return null;
        return new Target(endpoints.get(f.route()), f.params(), path, rawQuery);
    }

    /** Runs the endpoint for an upgrade request; on the connection's event loop. */
    public void start(Exchange ex, Target t, SocketControl socket) {
        RequestImpl req = dispatcher.webSocketRequest(ex, t.path(), t.rawQuery(), t.endpoint().route(), t.params());
        req.attributes().put(ATTRIBUTE, socket);
        socket.bind(req);
        socket.onEnd(() -> {
            if (req.attributes().containsKey("brisk.deps.scope")) Dependencies.runCleanup(req);
        });
        WebSocketRoute endpoint = t.endpoint();
        if (endpoint.lane() == Lane.LOOP) {
            LoopContext loop = ex.loop();
            loop.probe().enter(endpoint.label());
            try {
                endpoint.handler().loop().start(socket);
            } catch (Throwable e) {
                socket.fail(e);
            } finally {
                loop.probe().exit();
            }
            return;
        }
        threads.newThread(() -> {
            try {
                endpoint.handler().worker().handle(socket);
                socket.finished();
            } catch (Throwable e) {
                socket.fail(e);
            }
        }).start();
    }

    /** For endpoint code that fails later (a loop endpoint's stage): as if the endpoint had thrown. */
    public static void fail(WebSocket ws, Throwable error) {
        dev.brisk.internal.app.Sockets.fail(ws, error);
    }

    /**
     * The HTTP refusal for an endpoint that failed before accept: its {@link HttpException} status, 403
     * for invalid parameters (FastAPI closes with 1008, which uvicorn answers as 403), else 500.
     */
    public static Response refusal(Throwable error, String label) {
        if (error instanceof RequestValidationException v) return detail(403, v.detail());
        if (error instanceof HttpException h) return detail(h.status(), h.detail());
        log.error("{}: endpoint failed before accept", label, error);
        return detail(500, "Internal Server Error");
    }

    public static Response detail(int status, Object detail) {
        return Response.json(Map.of("detail", detail == null ? "" : detail)).withStatus(status);
    }
}
