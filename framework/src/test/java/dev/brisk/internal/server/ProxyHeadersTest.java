package dev.brisk.internal.server;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.LogCapture;
import dev.brisk.json.Json;
import dev.brisk.testing.BriskTestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * uvicorn's --proxy-headers/--forwarded-allow-ips on a real server: the same forwarded headers are
 * believed from an allowed peer (127.0.0.1) and ignored from another (127.0.0.2, a second loopback
 * source address), for X-Forwarded-* and RFC 7239 Forwarded; the access log names the resolved client.
 */
class ProxyHeadersTest {
    private static final String SPOOF = "X-Forwarded-For: 203.0.113.7, 10.1.2.3\r\n"
            + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: api.example.com\r\n";

    private static Brisk app(Consumer<BriskConfig> deploy) {
        BriskConfig c = BriskTestClient.testConfig();
        deploy.accept(c);
        // about the socket (the peer's address decides trust): the app listens on a port, and each test
        // connects from the source address it needs
        Brisk app = Brisk.create(c);
        app.get("/who", loopSafe(req -> who(req)));
        app.get("/who-worker", worker(req -> who(req)));
        return app.start();
    }

    private static Map<String, Object> who(dev.brisk.Request req) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ip", req.client().getAddress().getHostAddress());
        m.put("port", req.client().getPort());
        m.put("peer", req.remoteAddress().getAddress().getHostAddress());
        m.put("scheme", req.scheme());
        m.put("url", req.url());
        return m;
    }

    /** One GET over a socket whose source address is {@code from}; the JSON body as a map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> get(Brisk app, String from, String path, String extraHeaders) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), app.port(), InetAddress.getByName(from), 0)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost:" + app.port() + "\r\n"
                    + extraHeaders + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 200");
            return Json.defaultCodec().decode(text.substring(text.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8), Map.class);
        }
    }

    @Test
    void forwardedHeadersFromAnAllowedPeerAreBelievedAndFromAnotherIgnored() throws Exception {
        try (Brisk app = app(c -> { })) {   // uvicorn's defaults: on, trusted 127.0.0.1 only
            Map<String, Object> allowed = get(app, "127.0.0.1", "/who?x=1", SPOOF);
            // right to left: 10.1.2.3 is not a trusted proxy, so it is the client (203.0.113.7 could be forged)
            assertThat(allowed).containsEntry("ip", "10.1.2.3").containsEntry("port", 0)
                    .containsEntry("peer", "127.0.0.1").containsEntry("scheme", "https")
                    .containsEntry("url", "https://api.example.com/who?x=1");

            Map<String, Object> other = get(app, "127.0.0.2", "/who-worker?x=1", SPOOF);
            assertThat(other).containsEntry("ip", "127.0.0.2").containsEntry("peer", "127.0.0.2")
                    .containsEntry("scheme", "http").containsEntry("url", "http://localhost:" + app.port() + "/who-worker?x=1");
            assertThat((Integer) other.get("port")).isPositive();
        }
    }

    @Test
    void cidrsAndTrustedHopsAreSkippedRightToLeft() throws Exception {
        try (Brisk app = app(c -> c.deployment().forwardedAllowIps("127.0.0.0/8", "10.0.0.0/8"))) {
            assertThat(get(app, "127.0.0.2", "/who", SPOOF)).containsEntry("ip", "203.0.113.7")
                    .containsEntry("scheme", "https");
        }
        try (Brisk app = app(c -> c.deployment().forwardedAllowIps("*"))) {
            assertThat(get(app, "127.0.0.2", "/who", "X-Forwarded-For: 198.51.100.4\r\n")).containsEntry("ip", "198.51.100.4");
        }
        try (Brisk app = app(c -> c.deployment().proxyHeaders(false))) {
            assertThat(get(app, "127.0.0.1", "/who", SPOOF)).containsEntry("ip", "127.0.0.1").containsEntry("scheme", "http");
        }
    }

    @Test
    void rfc7239ForwardedWinsOverXForwardedAndGarbageIsIgnored() throws Exception {
        try (Brisk app = app(c -> { })) {
            String fwd = "Forwarded: for=\"[2001:db8::17]:4711\";proto=https;host=shop.example.com, for=127.0.0.1\r\n"
                    + "X-Forwarded-For: 192.0.2.99\r\n";
            assertThat(get(app, "127.0.0.1", "/who", fwd)).containsEntry("ip", "2001:db8:0:0:0:0:0:17")
                    .containsEntry("port", 4711).containsEntry("url", "https://shop.example.com/who");
            // a host with a CR-less injection attempt, an unknown scheme and a name instead of an IP: all ignored
            String bad = "X-Forwarded-For: evil.example.com\r\nX-Forwarded-Proto: javascript\r\n"
                    + "X-Forwarded-Host: a.com/<script>\r\n";
            assertThat(get(app, "127.0.0.1", "/who", bad)).containsEntry("ip", "127.0.0.1").containsEntry("scheme", "http")
                    .containsEntry("url", "http://localhost:" + app.port() + "/who");
            // obfuscated identifier: the hidden client is not invented
            assertThat(get(app, "127.0.0.1", "/who", "Forwarded: for=_hidden;proto=https\r\n"))
                    .containsEntry("ip", "127.0.0.1").containsEntry("scheme", "https");
        }
    }

    @Test
    void theAccessLogNamesTheResolvedClient() throws Exception {
        try (LogCapture logs = new LogCapture(); Brisk app = app(c -> c.accessLog(true))) {
            get(app, "127.0.0.1", "/who", "X-Forwarded-For: 198.51.100.23\r\n");
            get(app, "127.0.0.2", "/who", "X-Forwarded-For: 198.51.100.24\r\n");
            List<String> lines = logs.from("brisk.access").stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertThat(lines).anyMatch(l -> l.startsWith("198.51.100.23:0 - \"GET /who HTTP/1.1\" 200"));
            assertThat(lines).anyMatch(l -> l.startsWith("127.0.0.2:")).noneMatch(l -> l.contains("198.51.100.24"));
        }
    }

    @Test
    void malformedAllowListsFailAtStart() {
        BriskConfig c = BriskTestClient.testConfig();
        c.deployment().forwardedAllowIps("10.0.0.0/33");
        assertThatThrownBy(() -> Brisk.create(c).start()).hasMessageContaining("10.0.0.0/33");
        c.deployment().forwardedAllowIps("proxy.internal");
        assertThatThrownBy(() -> Brisk.create(c).start()).hasMessageContaining("proxy.internal");
    }

    @Test
    void nodeParsing() {
        assertThat(ForwardedHeaders.node("1.2.3.4:80").getPort()).isEqualTo(80);
        assertThat(ForwardedHeaders.node("[::1]:8080").getPort()).isEqualTo(8080);
        assertThat(ForwardedHeaders.node("::1")).isNotNull();
        assertThat(ForwardedHeaders.node("unknown")).isNull();
        assertThat(ForwardedHeaders.node("1.2.3.4:_obf")).isNull();
        assertThat(ForwardedHeaders.node("cafe")).isNull();   // a host name, never looked up
    }
}
