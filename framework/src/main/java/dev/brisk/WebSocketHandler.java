package dev.brisk;

import java.util.Objects;

/**
 * A WebSocket endpoint together with its lane, decided as for HTTP routes:
 *
 * <pre>{@code
 * import static dev.brisk.WebSocketHandler.*;
 *
 * // worker lane: a virtual thread per connection that simply blocks on receive()
 * app.websocket("/ws/echo-sync", worker(ws -> {
 *     ws.accept();
 *     for (WebSocketMessage m : ws.messages()) ws.send(m);   // ends when the client closes
 * }));
 *
 * // loop lane: callbacks on the connection's event loop; must never block
 * app.websocket("/ws/echo", loop(ws -> {
 *     ws.accept();
 *     ws.onMessage(ws::send);   // the send's stage paces reading (back-pressure)
 * }));
 * }</pre>
 *
 * @param lane where the handler runs
 * @param worker the blocking endpoint (for {@link #worker}), else {@code null}
 * @param loop the callback endpoint (for {@link #loop}), else {@code null}
 */
public record WebSocketHandler(Lane lane, Worker worker, Loop loop) {
    public WebSocketHandler {
        Objects.requireNonNull(lane, "lane");
        if ((worker == null) == (loop == null)) throw new IllegalArgumentException("exactly one of worker/loop must be given");
    }

    /**
     * An endpoint that runs on its own virtual thread for the connection's whole life and may block
     * (on {@link WebSocket#receive()}, a database, anything). When it returns, an open socket is
     * closed with 1000; when it throws, with 1011 (or 403 before {@link WebSocket#accept()}).
     */
    public static WebSocketHandler worker(Worker endpoint) {
        return new WebSocketHandler(Lane.WORKER, Objects.requireNonNull(endpoint, "endpoint"), null);
    }

    /**
     * An endpoint that runs on the connection's event loop: it accepts and registers callbacks
     * ({@link WebSocket#onMessage}, {@link WebSocket#closed()}) and returns at once; the socket stays
     * open until either side closes it. The watchdog names it if it or a callback blocks the loop.
     */
    public static WebSocketHandler loop(Loop endpoint) {
        return new WebSocketHandler(Lane.LOOP, null, Objects.requireNonNull(endpoint, "endpoint"));
    }

    /** A blocking endpoint (worker lane). */
    @FunctionalInterface
    public interface Worker {
        void handle(WebSocket ws) throws Exception;
    }

    /** A non-blocking endpoint (loop lane): sets the socket up and returns. */
    @FunctionalInterface
    public interface Loop {
        void start(WebSocket ws) throws Exception;
    }
}
