package dev.brisk;

/**
 * The socket is closed: thrown by {@link WebSocket#receive()} (and the other receive methods) once the
 * peer closed, the connection dropped, or the server closed it; FastAPI's {@code WebSocketDisconnect}.
 * Also the value of {@link WebSocket#closed()}.
 *
 * <pre>{@code
 * try {
 *     while (true) ws.sendText(ws.receiveText());
 * } catch (WebSocketDisconnect d) {
 *     log.info("client left with code {}", d.code());   // 1000, 1001, 1006 (dropped) ...
 * }
 * }</pre>
 */
public final class WebSocketDisconnect extends RuntimeException {
    private final int code;
    private final String reason;

    public WebSocketDisconnect(int code, String reason) {
        super("WebSocket closed: " + code + (reason == null || reason.isEmpty() ? "" : " " + reason), null, false, false);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /** The close code: the peer's (1005 when it sent none), 1006 when the connection dropped without one. */
    public int code() {
        return code;
    }

    /** The close reason, empty when none was given. */
    public String reason() {
        return reason;
    }
}
