package dev.brisk;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One whole WebSocket message (fragments already joined): text or binary, as the peer sent it.
 *
 * <pre>{@code
 * for (WebSocketMessage m : ws.messages()) {
 *     if (m.isText()) ws.sendText("you said " + m.text());
 *     else ws.sendBytes(m.bytes());
 * }
 * }</pre>
 *
 * @param text the text of a text message, else {@code null}
 * @param bytes the payload of a binary message, else {@code null}
 */
public record WebSocketMessage(String text, byte[] bytes) {
    public WebSocketMessage {
        if ((text == null) == (bytes == null)) throw new IllegalArgumentException("exactly one of text/bytes");
    }

    /** A text message. */
    public static WebSocketMessage text(String text) {
        return new WebSocketMessage(Objects.requireNonNull(text, "text"), null);
    }

    /** A binary message (the array is not copied). */
    public static WebSocketMessage binary(byte[] bytes) {
        return new WebSocketMessage(null, Objects.requireNonNull(bytes, "bytes"));
    }

    public boolean isText() {
        return text != null;
    }

    /** The payload's size in bytes (UTF-8 for text). */
    public int size() {
        return text != null ? text.getBytes(StandardCharsets.UTF_8).length : bytes.length;
    }

    @Override
    public String toString() {
        return isText() ? "text(" + text.length() + " chars)" : "binary(" + bytes.length + " bytes)";
    }
}
