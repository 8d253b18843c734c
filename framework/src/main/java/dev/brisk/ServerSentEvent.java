package dev.brisk;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One Server-Sent Event, as {@link Response#sse} streams it ({@code text/event-stream}). Any field may
 * be {@code null}; multi-line data is sent as several {@code data:} lines, as the format requires.
 *
 * <pre>{@code
 * ServerSentEvent.of("hello")                                  // data: hello
 * new ServerSentEvent("{\"n\":1}", "tick", "1", null, null)    // event: tick, id: 1, data: {"n":1}
 * ServerSentEvent.comment("still here")                        // : still here
 * }</pre>
 *
 * @param data the payload, or {@code null}
 * @param event the event type ({@code event:}), or {@code null} for the default "message"
 * @param id the event id ({@code id:}), echoed by browsers in {@code Last-Event-ID} on reconnect
 * @param retry how long the browser should wait before reconnecting, or {@code null}
 * @param comment a comment line ({@code : ...}), ignored by clients; {@code null} for none
 */
public record ServerSentEvent(String data, String event, String id, Duration retry, String comment) {

    public ServerSentEvent {
        noLineBreak(event, "event");
        noLineBreak(id, "id");
        noLineBreak(comment, "comment");
    }

    /** An event with only data. */
    public static ServerSentEvent of(String data) {
        return new ServerSentEvent(data, null, null, null, null);
    }

    /** An event with a type and data. */
    public static ServerSentEvent of(String event, String data) {
        return new ServerSentEvent(data, event, null, null, null);
    }

    /** A comment-only event (what the keep-alive {@code : ping} is). */
    public static ServerSentEvent comment(String text) {
        return new ServerSentEvent(null, null, null, null, text);
    }

    /** The wire form, ending with the blank line that dispatches the event. */
    public byte[] encode() {
        StringBuilder sb = new StringBuilder(32 + (data == null ? 0 : data.length()));
        if (comment != null) sb.append(": ").append(comment).append('\n');
        if (event != null) sb.append("event: ").append(event).append('\n');
        if (id != null) sb.append("id: ").append(id).append('\n');
        if (retry != null) sb.append("retry: ").append(retry.toMillis()).append('\n');
        if (data != null) {
            for (String line : data.split("\r\n|\r|\n", -1)) sb.append("data: ").append(line).append('\n');
        }
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void noLineBreak(String value, String field) {
        if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
            throw new IllegalArgumentException("SSE " + field + " must not contain line breaks");
        }
    }
}
