package dev.brisk;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One WebSocket connection, as an endpoint sees it: FastAPI's {@code WebSocket}. The upgrade request
 * is {@link #request()} (path, query, headers, cookies, app state); the endpoint then accepts or
 * rejects, exchanges messages and closes.
 *
 * <pre>{@code
 * app.websocket("/ws/chat/{room}", WebSocketHandler.worker(ws -> {
 *     if (ws.request().cookie("session") == null) { ws.reject(403, "Not logged in"); return; }
 *     ws.accept();
 *     ws.sendJson(Map.of("room", ws.request().pathParam("room")));
 *     try {
 *         while (true) ws.sendText("echo: " + ws.receiveText());
 *     } catch (WebSocketDisconnect d) {
 *         System.out.println("left with " + d.code());
 *     }
 * }));
 * }</pre>
 *
 * <p><b>Lanes.</b> On the worker lane (a virtual thread per connection) every method blocks until done:
 * {@code accept} until the handshake is written, each send until its frame is written (a slow client
 * slows the sender, nothing piles up), {@code receive} until a message arrives. On the loop lane
 * nothing blocks: sends return a stage that completes when the frame is written, and messages arrive
 * through {@link #onMessage}; the blocking receive methods throw {@link IllegalStateException} there.
 *
 * <p><b>Back-pressure.</b> Unread messages queue up to {@code webSockets().inboundQueue()}; past that
 * the server stops reading the socket until the endpoint catches up. Sends not yet written are
 * limited to {@code webSockets().maxPendingSendBytes()}; a send past that fails its stage
 * ({@link IllegalStateException}) instead of buffering without bound.
 */
public interface WebSocket {
    /** The upgrade request: path/query parameters, headers, cookies, {@link Request#appState()}. */
    Request request();

    /** The subprotocols the client offered ({@code Sec-WebSocket-Protocol}), in its order. */
    List<String> offeredSubprotocols();

    /** The subprotocol chosen at {@link #accept(String)}, or {@code null}. */
    String subprotocol();

    /** Whether the socket is accepted and not closed. */
    boolean isOpen();

    /** Completes the handshake (101) without a subprotocol. */
    CompletionStage<Void> accept();

    /** Completes the handshake choosing {@code subprotocol}, which must be one the client offered (or {@code null}). */
    CompletionStage<Void> accept(String subprotocol);

    /**
     * Refuses the connection before {@link #accept()}: an HTTP answer {@code status} (4xx) with
     * {@code {"detail": detail}}. Closing or failing before accept answers 403 the same way.
     */
    void reject(int status, Object detail);

    CompletionStage<Void> sendText(String text);

    CompletionStage<Void> sendBytes(byte[] data);

    /** Sends {@code value} encoded with the app's JSON codec, as a text message. */
    CompletionStage<Void> sendJson(Object value);

    /** Sends {@code message} as it is (text or binary). */
    CompletionStage<Void> send(WebSocketMessage message);

    /** Closes with 1000. */
    CompletionStage<Void> close();

    /** Closes with {@code code} (1000, 1001, 1003, 1007-1014, 3000-4999) and a reason of at most 123 UTF-8 bytes. */
    CompletionStage<Void> close(int code, String reason);

    /** The next message (worker lane); throws {@link WebSocketDisconnect} once the socket is closed. */
    WebSocketMessage receive();

    /** The next message, which must be text (a binary one closes the socket with 1003). */
    String receiveText();

    /** The next message, which must be binary (a text one closes the socket with 1003). */
    byte[] receiveBytes();

    /** The next text message decoded with the app's JSON codec (bad JSON closes the socket with 1007). */
    <T> T receiveJson(Class<T> type);

    /** Every incoming message until the socket closes (the loop ends quietly on a close), worker lane. */
    Iterable<WebSocketMessage> messages();

    /**
     * Loop lane: {@code listener} gets each message on the event loop, in order (messages that arrived
     * before are delivered first). If it returns an unfinished stage, the next message waits for it.
     */
    void onMessage(MessageListener listener);

    /** Completes (on the event loop) when the socket is closed, with the close code and reason. */
    CompletionStage<WebSocketDisconnect> closed();

    /** A loop-lane message callback. */
    @FunctionalInterface
    interface MessageListener {
        /** Handles one message; returns {@code null} or a stage the next message waits for. */
        CompletionStage<?> onMessage(WebSocketMessage message) throws Exception;
    }
}
