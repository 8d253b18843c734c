package dev.brisk.examples.websockets;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.WebSocket;
import dev.brisk.WebSocketDisconnect;
import dev.brisk.WebSocketHandler;
import dev.brisk.WebSocketMessage;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Query;
import dev.brisk.annotation.WebSocketEndpoint;
import dev.brisk.deps.Depends;
import dev.brisk.deps.Provider;
import dev.brisk.deps.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The WebSocket guide's example (docs/websockets.md quotes it; WebSocketDocsTest runs it). */
public final class ChatApp {
    private ChatApp() {}

    // DOCS:lanes:begin
    public static Brisk app(BriskConfig config) {
        config.webSockets()
                .maxMessageSize(64 * 1024)                       // larger messages close with 1009
                .idleTimeout(Duration.ofMinutes(5))              // silent sockets close with 1001
                .allowedOrigins(List.of());                      // any Origin (list yours in production)
        Brisk app = Brisk.create(config);

        // Loop lane (FastAPI's async def): callbacks on the event loop, never blocking.
        app.websocket("/ws/echo", WebSocketHandler.loop(ws -> {
            ws.accept();
            ws.onMessage(ws::send);                              // the next message waits for this send
            ws.closed().thenAccept(d -> System.out.println("echo closed: " + d.code()));
        }));

        // Worker lane: a virtual thread per connection that simply blocks on receive().
        app.websocket("/ws/shout", WebSocketHandler.worker(ws -> {
            ws.accept();
            for (WebSocketMessage m : ws.messages()) {           // ends when the client closes
                ws.sendText(m.text().toUpperCase());             // returns once written
            }
        }));

        app.include(new Rooms());
        return app;
    }
    // DOCS:lanes:end

    // DOCS:rooms:begin
    /** The user behind {@code ?token=}; a bad token refuses the upgrade with 401. */
    public static final class CurrentUser implements Provider<String> {
        @Override
        public String provide(Scope scope) {
            String token = scope.request().queryParam("token");
            if (token == null || !token.startsWith("user-")) throw new HttpException(401, "Invalid token");
            return token.substring("user-".length());
        }
    }

    public static final class Rooms {
        private final Map<String, Set<WebSocket>> rooms = new ConcurrentHashMap<>();

        @WebSocketEndpoint("/ws/rooms/{room}")
        public void join(WebSocket ws, @PathParam String room, @Depends(CurrentUser.class) String user,
                         @Query(defaultValue = "false") boolean quiet) {
            if (room.equals("closed")) {
                ws.reject(403, "Room closed");                   // an HTTP 403 instead of the upgrade
                return;
            }
            ws.accept();
            Set<WebSocket> members = rooms.computeIfAbsent(room, r -> ConcurrentHashMap.newKeySet());
            members.add(ws);
            try {
                if (!quiet) broadcast(members, Map.of("joined", user));
                while (true) {
                    String text = ws.receiveText();
                    broadcast(members, Map.of("from", user, "text", text));
                }
            } catch (WebSocketDisconnect d) {                    // FastAPI's WebSocketDisconnect
                members.remove(ws);
                broadcast(members, Map.of("left", user, "code", d.code()));
            }
        }

        private static void broadcast(Set<WebSocket> members, Map<String, Object> event) {
            for (WebSocket m : members) {
                try {
                    m.sendJson(event);
                } catch (WebSocketDisconnect gone) {
                    members.remove(m);
                }
            }
        }
    }
    // DOCS:rooms:end

    public static void main(String[] args) {
        app(new BriskConfig().port(8000)).start();
    }
}
