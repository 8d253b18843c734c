package dev.brisk.examples.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestWebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/websockets.md quotes ChatApp verbatim, and ChatApp does what the guide says. */
class WebSocketDocsTest {
    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
        return p;
    }

    @Test
    void theGuideQuotesTheExampleVerbatim() throws Exception {
        Path root = root();
        String source = Files.readString(root.resolve("examples/src/main/java/dev/brisk/examples/websockets/ChatApp.java"));
        String doc = Files.readString(root.resolve("docs/websockets.md"));
        for (String part : new String[] {"lanes", "rooms"}) {
            String snippet = source.substring(source.indexOf("// DOCS:" + part + ":begin") + ("// DOCS:" + part + ":begin").length(),
                    source.indexOf("    // DOCS:" + part + ":end"));
            Arrays.stream(snippet.split("\n")).filter(l -> !l.isBlank()).map(l -> l.substring(Math.min(4, l.length())))
                    .forEach(line -> assertThat(doc).as("docs/websockets.md quotes ChatApp (" + part + ")").contains(line));
        }
    }

    @Test
    void theExampleRuns() {
        try (BriskTestClient client = BriskTestClient.start(ChatApp.app(new BriskConfig().loops(1)))) {
            try (TestWebSocket ws = client.websocket("/ws/shout")) {
                ws.sendText("hello");
                assertThat(ws.receiveText()).isEqualTo("HELLO");
            }
            try (TestWebSocket ws = client.websocket("/ws/echo")) {
                ws.sendBytes(new byte[] {4, 2});
                assertThat(ws.receiveBytes()).containsExactly(4, 2);
            }
            try (TestWebSocket ann = client.websocket("/ws/rooms/lobby?token=user-ann");
                 TestWebSocket bob = client.websocket("/ws/rooms/lobby?token=user-bob")) {
                assertThat(ann.receiveText()).isEqualTo("{\"joined\":\"ann\"}");
                assertThat(ann.receiveText()).isEqualTo("{\"joined\":\"bob\"}");
                assertThat(bob.receiveText()).isEqualTo("{\"joined\":\"bob\"}");
                bob.sendText("hi");
                assertThat(ann.receiveJson(Map.class)).containsEntry("from", "bob").containsEntry("text", "hi");
                bob.close(4000, "bye");
                assertThat(ann.receiveText()).contains("\"left\":\"bob\"").contains("\"code\":4000");
            }
            assertThatThrownBy(() -> client.websocket("/ws/rooms/lobby?token=nobody"))
                    .isInstanceOfSatisfying(TestWebSocket.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(401));
            assertThatThrownBy(() -> client.websocket("/ws/rooms/closed?token=user-ann"))
                    .isInstanceOfSatisfying(TestWebSocket.HandshakeRefused.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }
}
