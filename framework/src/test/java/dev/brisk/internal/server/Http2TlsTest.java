package dev.brisk.internal.server;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.StaticFiles;
import dev.brisk.WebSocketHandler;
import dev.brisk.testing.BriskTestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 over TLS, chosen by ALPN, spoken by real clients: curl, the JDK's HttpClient, h2load and
 * openssl s_client (which shows what ALPN agreed on). The same routes, lanes and middleware answer
 * h2 and http/1.1; a client that offers only http/1.1, or no ALPN at all, is served HTTP/1.1.
 */
class Http2TlsTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static Path[] cert;
    static Brisk app;
    static String base;
    static final byte[] big = new byte[2 * 1024 * 1024 + 5];

    @BeforeAll
    static void start() throws Exception {
        LeakCheck.install();
        pki = new TestPki(dir);
        cert = pki.server("server", "localhost");
        new Random(5).nextBytes(big);
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.write(files.resolve("big.bin"), big);
        Files.writeString(files.resolve("hello.txt"), "hello over h2");
        app = started(BriskTestClient.testConfig().maxBodySize(64 * 1024).http2MaxStreams(64), a -> {
            a.get("/plaintext", loopSafe(req -> Response.text("Hello, World!")));
            a.get("/who", worker(req -> Map.of("thread", Thread.currentThread().isVirtual() ? "virtual" : Thread.currentThread().getName(),
                    "protocol", req.protocol(), "scheme", req.scheme(), "h2id", String.valueOf(req.header("x-http2-stream-id")))));
            a.get("/later", loop(req -> req.sleep(Duration.ofMillis(50)).thenApply(v -> Thread.currentThread().getName())));
            a.post("/echo", worker(req -> Response.bytes(200, "application/octet-stream", req.body())));
            a.mount("/static", StaticFiles.directory(files));
            a.websocket("/ws", WebSocketHandler.loop(ws -> {
                ws.accept();
                ws.onMessage(ws::send);
            }));
            a.addMiddleware((req, next) -> next.call().thenApply(r -> r.withHeader("x-mw", "seen")));
        });
        base = "https://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) app.stop();
        LeakCheck.assertNoLeaks();
    }

    private static Brisk started(BriskConfig config, Consumer<Brisk> routes) {
        config.deployment().tls(cert[0], cert[1]);
        Brisk a = Brisk.create(config);
        routes.accept(a);
        return a.start();
    }

    /** curl trusting the test CA; returns stdout (and stderr), failing on a non-zero exit. */
    static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20", "--cacert", pki.caCert.toString()));
        cmd.addAll(List.of(args));
        TestPki.Result r = TestPki.exec(cmd, null);
        assertThat(r.code()).as(r.output()).isZero();
        return r.output();
    }

    /** openssl s_client offering {@code alpn} (null: no ALPN extension at all), sending {@code stdin}. */
    static String sClient(int port, String alpn, String stdin) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-CAfile", pki.caCert.toString(), "-servername", "localhost"));
        if (alpn != null) cmd.addAll(List.of("-alpn", alpn));
        // with a request: wait for the server to answer and close (Connection: close), not for stdin's end
        if (!stdin.isEmpty()) cmd.add("-ign_eof");
        return TestPki.exec(cmd, stdin).output();
    }

    @Test
    void curlNegotiatesH2AndGetsTheSameRoutesLanesAndMiddleware() throws Exception {
        String out = curl("--http2", "-i", base + "/who");
        assertThat(out).startsWith("HTTP/2 200").contains("x-mw: seen").contains("content-type: application/json")
                .contains("\"thread\":\"virtual\"").contains("\"protocol\":\"HTTP/2.0\"").contains("\"scheme\":\"https\"")
                .contains("\"h2id\":\"null\""); // Netty's conversion header does not reach the app
        assertThat(curl("--http2", base + "/later")).startsWith("\"brisk-loop-");
        assertThat(curl("--http2", "-w", " %{http_version} %{http_code}", base + "/nope"))
                .isEqualTo("{\"detail\":\"Not Found\"} 2 404");
        // what ALPN agreed on, seen from the handshake itself
        assertThat(sClient(app.port(), "h2,http/1.1", "")).contains("ALPN protocol: h2").contains("Verify return code: 0 (ok)");
    }

    @Test
    void aClientOfferingOnlyHttp11OrNoAlpnIsServedHttp11() throws Exception {
        assertThat(curl("--http1.1", "-i", "-w", " %{http_version}", base + "/who"))
                .startsWith("HTTP/1.1 200").contains("x-mw: seen").contains("\"protocol\":\"HTTP/1.1\"").endsWith(" 1.1");
        String request = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        assertThat(sClient(app.port(), "http/1.1", request)).contains("ALPN protocol: http/1.1")
                .contains("HTTP/1.1 200 OK").contains("Hello, World!");
        assertThat(sClient(app.port(), null, request)).contains("No ALPN negotiated")
                .contains("HTTP/1.1 200 OK").contains("Hello, World!");
        HttpClient http11 = HttpClient.newBuilder().sslContext(pki.context(null)).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = http11.send(HttpRequest.newBuilder(URI.create(base + "/plaintext")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.body()).isEqualTo("Hello, World!");
    }

    @Test
    void webSocketsStillUpgradeOverHttp11UnderTls() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(pki.context(null)).build();
        CompletableFuture<String> echoed = new CompletableFuture<>();
        java.net.http.WebSocket ws = client.newWebSocketBuilder().buildAsync(URI.create("wss://127.0.0.1:" + app.port() + "/ws"),
                new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                        echoed.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        ws.sendText("over wss", true).get(10, TimeUnit.SECONDS);
        assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("over wss");
        ws.sendClose(1000, "").get(10, TimeUnit.SECONDS);
    }

    @Test
    void jdkClientManyConcurrentStreamsAndBodiesOverTls() throws Exception {
        SSLContext trust = pki.context(null);
        HttpClient client = HttpClient.newBuilder().sslContext(trust).version(HttpClient.Version.HTTP_2).build();
        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String path = i % 3 == 0 ? "/who" : i % 3 == 1 ? "/later" : "/plaintext";
                all.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = all.get(i).get(30, TimeUnit.SECONDS);
                assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-mw")).hasValue("seen");
                if (i % 3 == 0) assertThat(r.body()).contains("\"thread\":\"virtual\"").contains("\"protocol\":\"HTTP/2.0\"");
                if (i % 3 == 1) assertThat(r.body()).startsWith("\"brisk-loop-");
                if (i % 3 == 2) assertThat(r.body()).isEqualTo("Hello, World!");
            }
        }
        byte[] body = new byte[40_000];
        new Random(2).nextBytes(body);
        HttpResponse<byte[]> echo = client.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(echo.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(echo.body()).isEqualTo(body);
        HttpResponse<String> tooBig = client.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("\"detail\"");
    }

    @Test
    void h2loadOverTlsAllSucceed() throws Exception {
        TestPki.Result r = TestPki.exec(List.of("h2load", "-n", "1000", "-c", "2", "-m", "50",
                "https://127.0.0.1:" + app.port() + "/plaintext"), null);
        Matcher m = Pattern.compile("requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded")
                .matcher(r.output());
        assertThat(m.find()).as(r.output()).isTrue();
        assertThat(m.group(4)).as(r.output()).isEqualTo("1000");
        assertThat(r.output()).contains("Application protocol: h2").contains("status codes: 1000 2xx");
    }

    @Test
    void filesOverH2AreChunkedAndComplete() throws Exception {
        Path got = dir.resolve("got.bin");
        assertThat(curl("--http2", "-o", got.toString(), "-w", "%{http_version} %{http_code}", base + "/static/big.bin"))
                .isEqualTo("2 200");
        assertThat(Http2Test.sha(Files.readAllBytes(got))).isEqualTo(Http2Test.sha(big));
        assertThat(curl("--http2", "-r", "6-7", "-w", " %{http_version} %{http_code}", base + "/static/hello.txt"))
                .isEqualTo("ov 2 206");
    }

    @Test
    void withHttp2OffAlpnOffersOnlyHttp11() throws Exception {
        Brisk off = started(BriskTestClient.testConfig().http2(false), a -> a.get("/plaintext", loopSafe(req -> Response.text("one"))));
        try {
            assertThat(curl("--http2", "-w", " %{http_version}", "https://127.0.0.1:" + off.port() + "/plaintext")).isEqualTo("one 1.1");
            assertThat(sClient(off.port(), "h2,http/1.1", "")).contains("ALPN protocol: http/1.1");
        } finally {
            off.stop();
        }
    }

    /**
     * The HTTP/1 head deadline must not follow a connection into HTTP/2: a stream that takes longer than
     * it is answered, on every way in (ALPN, clear-text prior knowledge, Upgrade).
     */
    @Test
    void http2ConnectionsOutliveTheHttp1HeadDeadline() throws Exception {
        Consumer<Brisk> slow = a -> a.get("/slow", worker(req -> {
            Thread.sleep(1200);
            return "done";
        }));
        BriskConfig tight = BriskTestClient.testConfig().headTimeout(Duration.ofMillis(300));
        Brisk tls = started(tight, slow);
        BriskConfig clearConfig = BriskTestClient.testConfig().headTimeout(Duration.ofMillis(300));
        Brisk clear = Brisk.create(clearConfig);
        slow.accept(clear);
        clear.start();
        try {
            assertThat(curl("--http2", "-w", " %{http_version}", "https://127.0.0.1:" + tls.port() + "/slow")).isEqualTo("\"done\" 2");
            assertThat(curl("--http2-prior-knowledge", "-w", " %{http_version}", clear.url() + "/slow")).isEqualTo("\"done\" 2");
            assertThat(curl("--http2", "-w", " %{http_version}", clear.url() + "/slow")).isEqualTo("\"done\" 2");
            // and HTTP/1.1 keeps its deadline: a head trickled past it is refused with 408
            TestPki.Result trickle = TestPki.exec(List.of("/usr/bin/python3", "-c", """
                    import socket, sys, time
                    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
                    s.sendall(b"GET /slow HTTP/1.1\\r\\nHost: x\\r\\n"); time.sleep(1)
                    print(s.recv(200).decode(errors="replace").splitlines()[0])""", String.valueOf(clear.port())), null);
            assertThat(trickle.output()).contains("408");
        } finally {
            tls.stop();
            clear.stop();
        }
    }
}
