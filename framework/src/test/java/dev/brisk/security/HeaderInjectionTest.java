package dev.brisk.security;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.brisk.Brisk;
import dev.brisk.HttpException;
import dev.brisk.LogCapture;
import dev.brisk.Response;
import dev.brisk.ResponseCookie;
import dev.brisk.ServerSentEvent;
import dev.brisk.testing.BriskTestClient;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The response-splitting attacks from issue 11, against a running app: user input reaching a header
 * through every API that makes one becomes a 500 logged once with the route, and nothing of it reaches
 * the wire; a redirect target is percent-encoded as Starlette does.
 */
class HeaderInjectionTest {
    static final String EVIL = "a\r\nSet-Cookie: evil=1\r\nContent-Length: 5\r\n\r\nEVIL!HTTP/1.1 200 OK";
    static Brisk app;
    static BriskTestClient client;

    @BeforeAll
    static void start() {
        app = Brisk.create(BriskTestClient.testConfig().loops(1));
        app.get("/redirect", loopSafe(req -> Response.redirect(req.queryParam("next"))));
        app.get("/header", worker(req -> Response.text("x").withHeader("X-Echo", req.queryParam("v"))));
        app.get("/name", worker(req -> Response.text("x").withHeader(req.queryParam("v"), "1")));
        app.get("/cookie", worker(req -> Response.text("x").withCookie(ResponseCookie.of("session", req.queryParam("v")))));
        app.get("/rawcookie", worker(req -> Response.text("x").withCookie("session", req.queryParam("v"), "Path=/")));
        app.get("/cookiepath", worker(req -> Response.text("x").withCookie(ResponseCookie.of("s", "1").path(req.queryParam("v")))));
        app.get("/exception", worker(req -> {
            throw new HttpException(401, "no", Map.of("WWW-Authenticate", req.queryParam("v")));
        }));
        app.get("/stream", worker(req -> Response.stream(List.of("x".getBytes()), "text/plain").withHeader("X-Echo", req.queryParam("v"))));
        app.get("/type", worker(req -> Response.bytes(200, req.queryParam("v"), new byte[0])));
        app.get("/sse", worker(req -> Response.sse(List.of(new ServerSentEvent("d", req.queryParam("v"), null, null, null)).iterator())));
        app.get("/ok", loopSafe(req -> Response.text("ok")));
        client = BriskTestClient.start(app);   // about the wire: raw sockets read what it writes
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/header", "/name", "/cookie", "/rawcookie", "/cookiepath", "/exception", "/stream", "/type", "/sse"})
    void userInputInAHeaderIsA500AndNeverReachesTheWire(String path) throws Exception {
        try (LogCapture logs = new LogCapture()) {
            String wire = exchange("GET " + path + "?v=" + pct(EVIL) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(wire).startsWith("HTTP/1.1 500 Internal Server Error\r\n")
                    .contains("{\"detail\":\"Internal Server Error\"}")
                    .doesNotContain("evil").doesNotContain("EVIL");
            assertThat(wire.split("HTTP/1.1 ", -1)).hasSize(2); // exactly one response
            var errors = logs.atLeast(Level.ERROR);
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).getFormattedMessage()).contains("GET " + path);
            // the log line itself never carries the raw CR/LF either
            assertThat(errors.get(0).getThrowableProxy().getMessage()).doesNotContain("\r").doesNotContain("\n");
        }
        assertThat(client.get("/ok").send().text()).isEqualTo("ok");
    }

    @Test
    void aRedirectTargetIsPercentEncodedAsStarletteDoes() throws Exception {
        String wire = exchange("GET /redirect?next=" + pct("/x?a=b&c=d#f" + EVIL + " é") + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(wire).startsWith("HTTP/1.1 307 Temporary Redirect\r\n");
        // Python: quote("/x?a=b&c=d#f" + EVIL + " é", safe=":/%#?=@[]!$&'()*+,;")
        assertThat(wire).contains("\r\nlocation: /x?a=b&c=d#fa%0D%0ASet-Cookie:%20evil=1%0D%0AContent-Length:%205%0D%0A%0D%0AEVIL!HTTP/1.1%20200%20OK%20%C3%A9\r\n");
        assertThat(wire).doesNotContain("\r\nSet-Cookie");
    }

    @Test
    void cookiesCarryStarlettesOptions() {
        assertThat(ResponseCookie.of("session", "abc").encode()).isEqualTo("session=abc; Path=/; SameSite=Lax");
        assertThat(ResponseCookie.of("s", "\"q\"").maxAge(Duration.ofHours(1)).expires(Instant.parse("2030-01-02T03:04:05Z"))
                .path("/app").domain("example.com").secure(true).httpOnly(true)
                .sameSite(ResponseCookie.SameSite.STRICT).partitioned(true).encode())
                .isEqualTo("s=\"q\"; Max-Age=3600; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Path=/app; Domain=example.com; "
                        + "Secure; HttpOnly; SameSite=Strict; Partitioned");
        assertThat(Response.text("x").withoutCookie("session").header("set-cookie"))
                .isEqualTo("session=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; SameSite=Lax");
    }

    static String pct(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) sb.append(String.format("%%%02X", b & 0xff));
        return sb.toString();
    }

    static String exchange(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
