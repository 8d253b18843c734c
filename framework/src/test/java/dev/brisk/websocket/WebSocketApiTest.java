package dev.brisk.websocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.Lane;
import dev.brisk.Request;
import dev.brisk.WebSocket;
import dev.brisk.WebSocketDisconnect;
import dev.brisk.WebSocketHandler;
import dev.brisk.WebSocketMessage;
import dev.brisk.annotation.Cookie;
import dev.brisk.annotation.Header;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Query;
import dev.brisk.annotation.RunOn;
import dev.brisk.annotation.WebSocketEndpoint;
import dev.brisk.deps.Depends;
import dev.brisk.deps.Provider;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestWebSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The endpoint API on both lanes, through the test client's real WebSocket (the JDK's). */
class WebSocketApiTest {
    static final BlockingQueue<Object> seen = new ArrayBlockingQueue<>(100);
    static BriskTestClient client;

    public record Note(String text, int n) {}

    public static final class User implements Provider<String> {
        @Override
        public String provide(dev.brisk.deps.Scope scope) {
            Request req = scope.request();
            scope.onClose(() -> seen.add("cleanup"));
            String token = req.queryParam("token");
            if (!"secret".equals(token)) throw new HttpException(401, "bad token");
            return "alice";
        }
    }

    public static final class Rooms {
        @WebSocketEndpoint("/ws/rooms/{room}")
        public void room(WebSocket ws, @PathParam int room, @Query(defaultValue = "anon") String nick,
                         @Header("x-client") String client, @Cookie("session") String session) {
            ws.accept();
            ws.sendJson(Map.of("room", room, "nick", nick, "client", client, "session", session,
                    "thread", Thread.currentThread().isVirtual()));
            for (WebSocketMessage m : ws.messages()) ws.sendText(nick + ": " + m.text());
        }

        @WebSocketEndpoint("/ws/me") @RunOn(Lane.LOOP)
        public void me(WebSocket ws, @Depends(User.class) String user) {
            ws.accept().thenRun(() -> ws.sendText("hello " + user + " on " + Thread.currentThread().getName()));
        }
    }

    @BeforeAll
    static void start() {
        Brisk app = Brisk.create(new BriskConfig().host("127.0.0.1").accessLog(false).loops(1));
        app.websocket("/ws/echo", WebSocketHandler.loop(ws -> {
            ws.accept();
            ws.onMessage(ws::send);
        }));
        app.websocket("/ws/echo-sync", WebSocketHandler.worker(ws -> {
            ws.accept();
            for (WebSocketMessage m : ws.messages()) ws.send(m);
            seen.add("loop ended");
        }));
        app.websocket("/ws/json", WebSocketHandler.worker(ws -> {
            ws.accept();
            Note n = ws.receiveJson(Note.class);
            ws.sendJson(new Note(n.text().toUpperCase(), n.n() + 1));
            ws.close(4001, "done");
        }));
        app.websocket("/ws/proto", WebSocketHandler.worker(ws -> {
            ws.accept(ws.offeredSubprotocols().contains("chat.v2") ? "chat.v2" : null);
            ws.sendText(String.valueOf(ws.offeredSubprotocols()));
            ws.receive();
        }));
        app.websocket("/ws/private", WebSocketHandler.worker(ws -> {
            if (!"yes".equals(ws.request().header("x-allowed"))) {
                ws.close(); // before accept: FastAPI's 403
                return;
            }
            ws.accept();
            ws.sendText("welcome");
            ws.receive();
        }));
        app.websocket("/ws/teapot", WebSocketHandler.loop(ws -> ws.reject(418, "no sockets here")));
        app.websocket("/ws/boom", WebSocketHandler.worker(ws -> {
            ws.accept();
            ws.receive();
            throw new IllegalStateException("endpoint bug");
        }));
        app.websocket("/ws/signal", WebSocketHandler.worker(ws -> {
            ws.accept();
            try {
                while (true) ws.receive();
            } catch (WebSocketDisconnect d) {
                seen.add(d.code() + " " + d.reason());
            }
        }));
        app.websocket("/ws/closed-stage", WebSocketHandler.loop(ws -> {
            ws.accept();
            ws.closed().thenAccept(d -> seen.add("stage " + d.code()));
        }));
        app.include(new Rooms());
        client = BriskTestClient.start(app);
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void bothLanesEchoTextAndBytesAsTheyCame() {
        for (String path : List.of("/ws/echo", "/ws/echo-sync")) {
            try (TestWebSocket ws = client.websocket(path)) {
                ws.sendText("héllo");
                ws.sendBytes(new byte[] {1, 2, 3});
                ws.sendText("x".repeat(100_000));
                assertThat(ws.receiveText()).isEqualTo("héllo");
                assertThat(ws.receiveBytes()).containsExactly(1, 2, 3);
                assertThat(ws.receiveText()).hasSize(100_000);
                ws.close(1000, "bye");
                assertThat(ws.closeCode()).isEqualTo(1000);
            }
        }
    }

    @Test
    void workerLoopEndsQuietlyWhenTheClientCloses() throws Exception {
        seen.clear();
        try (TestWebSocket ws = client.websocket("/ws/echo-sync")) {
            ws.sendText("a");
            assertThat(ws.receiveText()).isEqualTo("a");
            ws.close(1000, "");
        }
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("loop ended");
    }

    @Test
    void jsonBothWaysAndACloseCodeFromTheServer() {
        try (TestWebSocket ws = client.websocket("/ws/json")) {
            ws.sendJson(new Note("hi", 1));
            assertThat(ws.receiveJson(Note.class)).isEqualTo(new Note("HI", 2));
            assertThat(ws.closeCode()).isEqualTo(4001);
            assertThat(ws.closeReason()).isEqualTo("done");
        }
    }

    @Test
    void subprotocolIsChosenFromTheOffer() {
        try (TestWebSocket ws = client.websocket("/ws/proto", Map.of(), "chat.v1", "chat.v2")) {
            assertThat(ws.subprotocol()).isEqualTo("chat.v2");
            assertThat(ws.receiveText()).isEqualTo("[chat.v1, chat.v2]");
        }
        try (TestWebSocket ws = client.websocket("/ws/proto")) {
            assertThat(ws.subprotocol()).isEmpty();
        }
    }

    @Test
    void closingBeforeAcceptRefusesWith403AndRejectPicksTheStatus() {
        assertThatThrownBy(() -> client.websocket("/ws/private"))
                .isInstanceOfSatisfying(TestWebSocket.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
        try (TestWebSocket ws = client.websocket("/ws/private", Map.of("x-allowed", "yes"))) {
            assertThat(ws.receiveText()).isEqualTo("welcome");
        }
        assertThatThrownBy(() -> client.websocket("/ws/teapot"))
                .isInstanceOfSatisfying(TestWebSocket.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(418));
        client.get("/ws/teapot").send().assertStatus(404); // a plain GET is not a WebSocket request
        assertThatThrownBy(() -> client.websocket("/ws/nowhere"))
                .isInstanceOfSatisfying(TestWebSocket.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void anEndpointThatThrowsAfterAcceptClosesWith1011() {
        try (TestWebSocket ws = client.websocket("/ws/boom")) {
            ws.sendText("go");
            assertThat(ws.closeCode()).isEqualTo(1011);
        }
    }

    @Test
    void theEndpointSeesTheClientsCloseCode() throws Exception {
        seen.clear();
        try (TestWebSocket ws = client.websocket("/ws/signal")) {
            ws.close(4321, "leaving");
            assertThat(ws.closeCode()).isEqualTo(4321);
        }
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("4321 leaving");
        try (TestWebSocket ws = client.websocket("/ws/closed-stage")) {
            ws.close(1000, "");
            ws.closeCode();
        }
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("stage 1000");
    }

    @Test
    void parametersBindAsOnHttpRoutes() {
        try (TestWebSocket ws = client.websocket("/ws/rooms/7?nick=bob", Map.of("x-client", "cli", "cookie", "session=s1"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> hello = ws.receiveJson(Map.class);
            assertThat(hello).containsEntry("room", 7).containsEntry("nick", "bob").containsEntry("client", "cli")
                    .containsEntry("session", "s1").containsEntry("thread", true);
            ws.sendText("hi");
            assertThat(ws.receiveText()).isEqualTo("bob: hi");
        }
        // a bad path parameter refuses the upgrade: FastAPI's 1008 before accept, an HTTP 403 on the wire
        assertThatThrownBy(() -> client.websocket("/ws/rooms/seven", Map.of("x-client", "cli", "cookie", "session=s1")))
                .isInstanceOfSatisfying(TestWebSocket.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void dependenciesResolveForLoopEndpointsAndCleanUpWhenTheSocketEnds() throws Exception {
        seen.clear();
        try (TestWebSocket ws = client.websocket("/ws/me?token=secret")) {
            assertThat(ws.receiveText()).isEqualTo("hello alice on brisk-loop-1");
            assertThat(seen).isEmpty(); // the socket is still open
        }
        assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("cleanup");
        assertThatThrownBy(() -> client.websocket("/ws/me?token=wrong"))
                .isInstanceOfSatisfying(TestWebSocket.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void refusalsCarryFastApiShapedBodies() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(client.baseUrl() + "/ws/rooms/seven"))
                .header("x-upgrade-test", "1").build();
        // the JDK client may not send Upgrade itself: use a raw request
        try (var s = new java.net.Socket("127.0.0.1", client.app().port())) {
            s.getOutputStream().write(("GET /ws/rooms/seven HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes());
            String answer = new String(s.getInputStream().readAllBytes());
            assertThat(answer).startsWith("HTTP/1.1 403").contains("\"detail\":[").contains("\"loc\":[\"path\",\"room\"]");
        }
        http.close();
        assertThat(req.uri().getPath()).isEqualTo("/ws/rooms/seven");
        CompletableFuture.completedFuture(null).join();
    }
}
