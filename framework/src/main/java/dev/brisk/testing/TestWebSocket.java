package dev.brisk.testing;

import dev.brisk.WebSocketMessage;
import dev.brisk.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client for tests ({@link BriskTestClient#websocket}), over the JDK's
 * {@link java.net.http.WebSocket}: real frames to the running app. Messages are queued as they
 * arrive; the receive methods wait up to ten seconds.
 *
 * <pre>{@code
 * try (TestWebSocket ws = client.websocket("/ws/echo")) {
 *     ws.sendText("hello");
 *     assertThat(ws.receiveText()).isEqualTo("hello");
 *     ws.close(1000, "bye");
 *     assertThat(ws.closeCode()).isEqualTo(1000);
 * }
 * }</pre>
 */
public final class TestWebSocket implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final WebSocket socket;
    private final Json json;
    private final Listener listener;
    private final LinkedBlockingQueue<WebSocketMessage> messages;
    private final CompletableFuture<int[]> closed;

    private TestWebSocket(WebSocket socket, Listener listener, Json json) {
        this.socket = socket;
        this.json = json;
        this.listener = listener;
        this.messages = listener.messages; // the listener owns them: messages may arrive before this constructor runs
        this.closed = listener.closed;
    }

    static TestWebSocket connect(HttpClient http, String url, Map<String, String> headers, String[] subprotocols, Json json) {
        Listener l = new Listener();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(b::header);
        if (subprotocols.length > 0) b.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        try {
            WebSocket ws = b.buildAsync(URI.create(url), l).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new TestWebSocket(ws, l, json);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                throw new HandshakeRefused(h.getResponse().statusCode(), String.valueOf(h.getResponse().body()));
            }
            throw new AssertionError("WebSocket " + url + " failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError("WebSocket " + url + " failed: " + e, e);
        }
    }

    /** The server refused the upgrade with an HTTP answer (403 before accept, 404, ...). */
    public static final class HandshakeRefused extends RuntimeException {
        private final int status;

        HandshakeRefused(int status, String body) {
            super("handshake refused with " + status + ": " + body);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The subprotocol the server chose, empty for none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    public TestWebSocket sendText(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public TestWebSocket sendBytes(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    public TestWebSocket sendJson(Object value) {
        return sendText(new String(json.encode(value), StandardCharsets.UTF_8));
    }

    /** The next message; fails the test if none arrives within ten seconds. */
    public WebSocketMessage receive() {
        try {
            WebSocketMessage m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (m == null) throw new AssertionError("no WebSocket message within " + WAIT.toSeconds() + " s" + (closed.isDone() ? " (closed " + closeCode() + ")" : ""));
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public String receiveText() {
        WebSocketMessage m = receive();
        if (!m.isText()) throw new AssertionError("expected a text message, got " + m);
        return m.text();
    }

    public byte[] receiveBytes() {
        WebSocketMessage m = receive();
        if (m.isText()) throw new AssertionError("expected a binary message, got " + m);
        return m.bytes();
    }

    public <T> T receiveJson(Class<T> type) {
        return json.decode(receiveText().getBytes(StandardCharsets.UTF_8), type);
    }

    /** Starts the close handshake with {@code code} and {@code reason}. */
    public TestWebSocket close(int code, String reason) {
        socket.sendClose(code, reason).join();
        return this;
    }

    /** The server's close code, waiting up to ten seconds for its close frame. */
    public int closeCode() {
        return closeFrame()[0];
    }

    private int[] closeFrame() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the WebSocket within " + WAIT.toSeconds() + " s", e);
        }
    }

    /** The server's close reason (after {@link #closeCode()}). */
    public String closeReason() {
        closeFrame();
        return listener.closeReason;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already closing
            }
        }
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<int[]> closed = new CompletableFuture<>();
        final LinkedBlockingQueue<WebSocketMessage> messages = new LinkedBlockingQueue<>();
        volatile String closeReason = "";
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(WebSocketMessage.text(text.toString()));
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            bytes.writeBytes(b);
            if (last) {
                messages.add(WebSocketMessage.binary(bytes.toByteArray()));
                bytes.reset();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closeReason = reason;
            closed.complete(new int[] {statusCode});
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(new int[] {1006});
        }
    }
}
