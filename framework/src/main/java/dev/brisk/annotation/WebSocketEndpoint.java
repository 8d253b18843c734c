package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a controller method as a WebSocket endpoint (FastAPI's {@code @app.websocket}). Its
 * parameters bind as on HTTP routes (path, {@link Query}, {@link Header}, {@link Cookie},
 * {@link dev.brisk.deps.Depends}) plus the {@link dev.brisk.WebSocket} itself. It runs on the worker
 * lane (its own virtual thread, may block) unless {@code @RunOn(Lane.LOOP)} says otherwise. Invalid
 * parameters refuse the upgrade with 403 and FastAPI's error list.
 *
 * <pre>{@code
 * @WebSocketEndpoint("/ws/rooms/{room}")
 * public void room(WebSocket ws, @PathParam String room, @Query(defaultValue = "anon") String user) {
 *     ws.accept();
 *     for (WebSocketMessage m : ws.messages()) ws.sendText(user + "@" + room + ": " + m.text());
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WebSocketEndpoint {
    /** The path template, e.g. {@code /ws/rooms/{room}}. */
    String value();
}
