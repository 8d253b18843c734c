package dev.brisk.internal.server;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.StaticFiles;
import dev.brisk.testing.BriskTestClient;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 in clear text, spoken by real clients: curl (prior knowledge and Upgrade), the JDK's
 * HttpClient, h2load, and raw frames for what the clients do not show (SETTINGS, idle close).
 */
class Http2Test {
    @TempDir
    static Path dir;
    static Brisk app;
    static byte[] big = new byte[2 * 1024 * 1024 + 5];

    @BeforeAll
    static void start() throws Exception {
        LeakCheck.install();
        new Random(3).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Files.writeString(dir.resolve("hello.txt"), "hello over h2");
        app = Kit.start(BriskTestClient.testConfig().maxBodySize(64 * 1024).http2MaxStreams(64), a -> {
            a.get("/plaintext", loopSafe(req -> Response.text("Hello, World!")));
            a.get("/who", worker(req -> Map.of("thread", Thread.currentThread().isVirtual() ? "virtual" : Thread.currentThread().getName(),
                    "protocol", req.protocol())));
            a.get("/later", loop(req -> req.sleep(Duration.ofMillis(50)).thenApply(v -> Thread.currentThread().getName())));
            a.post("/echo", worker(req -> Response.bytes(200, "application/octet-stream", req.body())));
            a.get("/stream", worker(req -> Response.stream(List.of("a\n".getBytes(), "b\n".getBytes()).iterator(), "text/plain")));
            a.mount("/static", StaticFiles.directory(dir));
            a.addMiddleware((req, next) -> next.call().thenApply(r -> r.withHeader("x-mw", "seen")));
        });
    }

    @AfterAll
    static void stop() throws Exception {
        app.stop();
        LeakCheck.assertNoLeaks();
    }

    /** Runs curl; returns stdout. */
    static String curl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "20"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @Test
    void curlPriorKnowledgeGetsTheSameRoutesLanesAndMiddleware() throws Exception {
        String out = curl("--http2-prior-knowledge", "-i", app.url() + "/who");
        assertThat(out).startsWith("HTTP/2 200").contains("x-mw: seen").contains("content-type: application/json")
                .contains("\"thread\":\"virtual\"").contains("\"protocol\":\"HTTP/2.0\"").doesNotContainIgnoringCase("connection:");
        assertThat(curl("--http2-prior-knowledge", app.url() + "/later")).startsWith("\"brisk-loop-");
        assertThat(curl("--http2-prior-knowledge", app.url() + "/stream")).isEqualTo("a\nb\n");
        assertThat(curl("--http2-prior-knowledge", "-w", " %{http_version} %{http_code}", app.url() + "/nope"))
                .isEqualTo("{\"detail\":\"Not Found\"} 2 404");
        // (several URLs in one curl would test curl 7.88's own bug, curl/curl#10634: one URL per run;
        // many streams on one connection are the JDK client's and h2load's part)
    }

    @Test
    void curlUpgradeH2c() throws Exception {
        String out = curl("--http2", "-i", app.url() + "/plaintext");
        assertThat(out).startsWith("HTTP/1.1 101 Switching Protocols").contains("HTTP/2 200").endsWith("Hello, World!");
        // a first request with a body is not upgraded: HTTP/1.1 answers it
        assertThat(curl("--http2", "-w", " %{http_version}", "--data-binary", "xyz", app.url() + "/echo")).isEqualTo("xyz 1.1");
        // WebSocket-style upgrades are none of HTTP/2's business: the request reaches the routes as HTTP/1.1
        assertThat(curl("-H", "Upgrade: websocket", "-H", "Connection: Upgrade", "-w", " %{http_version}", app.url() + "/plaintext"))
                .isEqualTo("Hello, World! 1.1");
        // only a connection's first request may upgrade (the handler then leaves the pipeline): a later
        // Upgrade: h2c on a kept-alive connection is an ordinary HTTP/1.1 request
        try (var c = dev.brisk.testing.RawConnection.open(app)) {
            c.send("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("Hello, World!");
            c.send("GET /plaintext HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
            var second = c.read();
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.body()).isEqualTo("Hello, World!");
        }
    }

    @Test
    void filesOverHttp2AreChunkedAndComplete() throws Exception {
        Path got = dir.resolve("got.bin");
        String v = curl("--http2-prior-knowledge", "-o", got.toString(), "-w", "%{http_version} %{http_code}", app.url() + "/static/big.bin");
        assertThat(v).isEqualTo("2 200");
        assertThat(sha(Files.readAllBytes(got))).isEqualTo(sha(big));
        String range = curl("--http2-prior-knowledge", "-r", "6-7", "-w", " %{http_code}", app.url() + "/static/hello.txt");
        assertThat(range).isEqualTo("ov 206");
        assertThat(curl("--http2-prior-knowledge", "-I", app.url() + "/static/big.bin"))
                .startsWith("HTTP/2 200").contains("content-length: " + big.length);
    }

    @Test
    void jdkClientHttp2ManyConcurrentStreams() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> first = client.send(HttpRequest.newBuilder(URI.create(app.url() + "/plaintext")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(first.version()).isEqualTo(HttpClient.Version.HTTP_2);
        // 4 rounds of 50 concurrent streams on the one connection (the JDK client fails, rather than
        // queues, requests beyond the server's SETTINGS_MAX_CONCURRENT_STREAMS, 64 here)
        for (int round = 0; round < 4; round++) {
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String path = i % 3 == 0 ? "/who" : i % 3 == 1 ? "/later" : "/plaintext";
                all.add(client.sendAsync(HttpRequest.newBuilder(URI.create(app.url() + path)).build(), HttpResponse.BodyHandlers.ofString()));
            }
            for (int i = 0; i < 50; i++) check(all.get(i).get(30, TimeUnit.SECONDS), i);
        }
        // bodies: echoed within the limit, 413 past it, on the same connection
        byte[] body = new byte[40_000];
        new Random(1).nextBytes(body);
        HttpResponse<byte[]> echo = client.send(HttpRequest.newBuilder(URI.create(app.url() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(echo.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(echo.body()).isEqualTo(body);
        HttpResponse<String> tooBig = client.send(HttpRequest.newBuilder(URI.create(app.url() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[100_000])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.body()).contains("\"detail\"");
        assertThat(client.send(HttpRequest.newBuilder(URI.create(app.url() + "/plaintext")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("Hello, World!");
    }

    private static void check(HttpResponse<String> r, int i) {
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-mw")).hasValue("seen");
        if (i % 3 == 0) assertThat(r.body()).contains("\"thread\":\"virtual\"");
        if (i % 3 == 1) assertThat(r.body()).startsWith("\"brisk-loop-");
        if (i % 3 == 2) assertThat(r.body()).isEqualTo("Hello, World!");
    }

    @Test
    void h2loadShortRunAllSucceed() throws Exception {
        Process p = new ProcessBuilder("h2load", "-n", "1000", "-c", "2", "-m", "50", app.url() + "/plaintext")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Matcher m = Pattern.compile("requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(m.group(4)).as(out).isEqualTo("1000");
        assertThat(out).contains("Application protocol: h2c").contains("status codes: 1000 2xx");
    }

    @Test
    void settingsAdvertiseTheStreamLimitAndAnIdleConnectionIsClosed() throws Exception {
        // its own server: a 1 s idle timeout would race the other tests' requests on a loaded machine
        Brisk idle = Kit.start(BriskTestClient.testConfig().http2MaxStreams(64).idleTimeout(Duration.ofSeconds(1)),
                a -> a.get("/plaintext", loopSafe(req -> Response.text("Hello, World!"))));
        try (Socket s = new Socket("127.0.0.1", idle.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // empty SETTINGS
            out.flush();
            DataInputStream in = new DataInputStream(s.getInputStream());
            int len = in.readUnsignedShort() << 8 | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            in.readUnsignedByte();
            in.readInt();
            assertThat(type).isEqualTo(4);
            Map<Integer, Long> settings = new java.util.HashMap<>();
            for (int i = 0; i < len / 6; i++) settings.put(in.readUnsignedShort(), in.readInt() & 0xffffffffL);
            assertThat(settings).containsEntry(3, 64L);             // MAX_CONCURRENT_STREAMS
            assertThat(settings).containsEntry(4, 65_535L);         // INITIAL_WINDOW_SIZE
            assertThat(settings).containsEntry(6, 8192L);           // MAX_HEADER_LIST_SIZE
            // no stream open: after the idle timeout (1 s) the server says GOAWAY and closes
            long t0 = System.nanoTime();
            boolean goAway = false;
            try {
                while (true) {
                    int l = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                    int t = in.readUnsignedByte();
                    in.readUnsignedByte();
                    in.readInt();
                    in.readNBytes(l);
                    if (t == 7) goAway = true;
                }
            } catch (IOException eof) {
                // closed
            }
            assertThat(goAway).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(8));
        } finally {
            idle.stop();
        }
    }

    @Test
    void stopLetsOpenStreamsFinish() throws Exception {
        Brisk own = Kit.start(BriskTestClient.testConfig(), a -> a.get("/slow", worker(req -> {
            Thread.sleep(600);
            return "done";
        })));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String url = own.url();
        assertThat(client.send(HttpRequest.newBuilder(URI.create(url + "/slow")).build(), HttpResponse.BodyHandlers.ofString())
                .version()).isEqualTo(HttpClient.Version.HTTP_2);
        CompletableFuture<HttpResponse<String>> running = client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/slow")).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);
        own.stop(); // GOAWAY; the open stream is answered before the connection closes
        HttpResponse<String> r = running.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("\"done\"");
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    }

    static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
