package dev.brisk.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.StaticFiles;
import dev.brisk.internal.server.LeakCheck;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import dev.brisk.testing.TestRequest;
import dev.brisk.testing.TestResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** StaticFiles mounted on a real server: caching headers, ranges, HEAD, html, precompressed, traversal. */
class StaticFilesTest {
    @TempDir
    static Path tmp;
    static Path pub;
    static Brisk app;
    static BriskTestClient client;
    static byte[] big = new byte[3 * 1024 * 1024 + 17];
    static byte[] gz;
    static final byte[] BR = "pretend-brotli".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        LeakCheck.install();
        pub = Files.createDirectories(tmp.resolve("public"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "top secret");
        Files.writeString(tmp.resolve("secret.txt"), "top secret");
        Files.writeString(pub.resolve("hello.txt"), "Hello, static world!");
        Files.writeString(pub.resolve("style.css"), "body { color: red }");
        Files.writeString(pub.resolve("index.html"), "<h1>root index</h1>");
        Files.writeString(pub.resolve("404.html"), "<h1>no such page</h1>");
        Files.createDirectories(pub.resolve("sub"));
        Files.writeString(pub.resolve("sub/index.html"), "<h1>sub index</h1>");
        Files.createDirectories(pub.resolve("empty"));
        String js = "console.log('hello');\n".repeat(50);
        Files.writeString(pub.resolve("app.js"), js);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(js.getBytes(StandardCharsets.UTF_8));
        }
        gz = out.toByteArray();
        Files.write(pub.resolve("app.js.gz"), gz);
        Files.write(pub.resolve("app.js.br"), BR);
        new Random(7).nextBytes(big);
        Files.write(pub.resolve("big.bin"), big);
        Files.createSymbolicLink(pub.resolve("escape.txt"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(pub.resolve("linkdir"), outside);
        Files.createSymbolicLink(pub.resolve("alias.txt"), pub.resolve("hello.txt"));
        app = Brisk.create(BriskTestClient.testConfig());
        app.mount("/static", StaticFiles.directory(pub).cacheControl("public, max-age=60"));
        app.mount("/site", StaticFiles.directory(pub).html(true));
        app.mount("/cp", StaticFiles.classpath("staticfiles-test").html(true));
        client = BriskTestClient.start(app);   // port-bound: files go out through the socket path (zero-copy regions)
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        LeakCheck.assertNoLeaks();
    }

    static TestResponse get(String path, String... headers) {
        TestRequest b = client.get(path).followRedirects(false);   // the redirects are what some tests check
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return b.send();
    }

    static String text(TestResponse r) {
        return new String(r.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void servesAFileWithTypeValidatorsAndLength() throws Exception {
        var r = get("/static/hello.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("Hello, static world!");
        assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.header("content-length")).isEqualTo("20");
        assertThat(r.header("accept-ranges")).isEqualTo("bytes");
        assertThat(r.header("cache-control")).isEqualTo("public, max-age=60");
        assertThat(r.header("etag")).matches("\"[0-9a-f]+-[0-9a-f]+\"");
        long modified = Files.getLastModifiedTime(pub.resolve("hello.txt")).toInstant().getEpochSecond();
        assertThat(r.header("last-modified"))
                .isEqualTo(DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(modified)));
        assertThat(get("/static/style.css").header("content-type")).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void largeFileArrivesIntact() throws Exception {
        var r = get("/static/big.bin");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("application/octet-stream");
        assertThat(r.bytes()).isEqualTo(big);
    }

    @Test
    void ifNoneMatchAnswers304() throws Exception {
        String etag = get("/static/hello.txt").header("etag");
        var r = get("/static/hello.txt", "If-None-Match", etag);
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.bytes()).isEmpty();
        assertThat(r.header("etag")).isEqualTo(etag);
        assertThat(r.header("content-length")).isNull();
        assertThat(get("/static/hello.txt", "If-None-Match", "\"other\", W/" + etag).status()).isEqualTo(304);
        assertThat(get("/static/hello.txt", "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(get("/static/hello.txt", "If-None-Match", "\"other\"").status()).isEqualTo(200);
        // If-None-Match decides when present, even with a matching If-Modified-Since
        String lm = get("/static/hello.txt").header("last-modified");
        assertThat(get("/static/hello.txt", "If-None-Match", "\"other\"", "If-Modified-Since", lm).status()).isEqualTo(200);
    }

    @Test
    void ifModifiedSinceAnswers304() throws Exception {
        String lm = get("/static/hello.txt").header("last-modified");
        var r = get("/static/hello.txt", "If-Modified-Since", lm);
        assertThat(r.status()).isEqualTo(304);
        assertThat(r.bytes()).isEmpty();
        String before = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC)
                .format(Instant.now().minusSeconds(86_400 * 400));
        assertThat(get("/static/hello.txt", "If-Modified-Since", before).status()).isEqualTo(200);
        assertThat(get("/static/hello.txt", "If-Modified-Since", "not a date").status()).isEqualTo(200);
    }

    @Test
    void singleRangeAnswers206() throws Exception {
        var r = get("/static/hello.txt", "Range", "bytes=7-12");
        assertThat(r.status()).isEqualTo(206);
        assertThat(text(r)).isEqualTo("static");
        assertThat(r.header("content-range")).isEqualTo("bytes 7-12/20");
        assertThat(r.header("content-length")).isEqualTo("6");
        assertThat(text(get("/static/hello.txt", "Range", "bytes=-6"))).isEqualTo("world!");
        assertThat(text(get("/static/hello.txt", "Range", "bytes=14-"))).isEqualTo("world!");
        assertThat(get("/static/hello.txt", "Range", "bytes=14-999").header("content-range")).isEqualTo("bytes 14-19/20");
        var mid = get("/static/big.bin", "Range", "bytes=1000000-2000000");
        assertThat(mid.status()).isEqualTo(206);
        assertThat(mid.bytes()).isEqualTo(Arrays.copyOfRange(big, 1_000_000, 2_000_001));
        // several ranges, a malformed header or a stale If-Range: the whole file
        assertThat(get("/static/hello.txt", "Range", "bytes=0-1,5-6").status()).isEqualTo(200);
        assertThat(get("/static/hello.txt", "Range", "lines=1-2").status()).isEqualTo(200);
        var stale = get("/static/hello.txt", "Range", "bytes=0-4", "If-Range", "\"stale\"");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(text(stale)).isEqualTo("Hello, static world!");
        String etag = get("/static/hello.txt").header("etag");
        assertThat(text(get("/static/hello.txt", "Range", "bytes=0-4", "If-Range", etag))).isEqualTo("Hello");
    }

    @Test
    void rangePastTheEndAnswers416() throws Exception {
        var r = get("/static/hello.txt", "Range", "bytes=20-");
        assertThat(r.status()).isEqualTo(416);
        assertThat(r.header("content-range")).isEqualTo("bytes */20");
        assertThat(text(r)).isEqualTo("{\"detail\":\"Range Not Satisfiable\"}");
        assertThat(get("/static/hello.txt", "Range", "bytes=-0").status()).isEqualTo(416);
    }

    @Test
    void headSendsHeadersOnlyAndKeepsTheConnection() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("HEAD /static/big.bin HTTP/1.1\r\nHost: x\r\n\r\nGET /static/hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
            RawResponse head = c.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo(String.valueOf(big.length));
            assertThat(head.header("etag")).isNotNull();
            RawResponse next = c.read();
            assertThat(next.status()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("Hello, static world!");
        }
    }

    @Test
    void htmlModeServesIndexAnd404Page() throws Exception {
        assertThat(text(get("/site/"))).isEqualTo("<h1>root index</h1>");
        assertThat(get("/site/").header("content-type")).isEqualTo("text/html; charset=utf-8");
        var redirect = get("/site/sub");
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.header("location")).isEqualTo("/site/sub/");
        assertThat(text(get("/site/sub/"))).isEqualTo("<h1>sub index</h1>");
        var missing = get("/site/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(text(missing)).isEqualTo("<h1>no such page</h1>");
        assertThat(get("/site/empty/").status()).isEqualTo(404);
        // without html(true) a directory is not a page
        var dir = get("/static/sub/");
        assertThat(dir.status()).isEqualTo(404);
        assertThat(text(dir)).isEqualTo("{\"detail\":\"Not Found\"}");
        assertThat(get("/static").status()).isEqualTo(404);
    }

    @Test
    void precompressedSiblingsFollowAcceptEncoding() throws Exception {
        var g = get("/static/app.js", "Accept-Encoding", "gzip");
        assertThat(g.header("content-encoding")).isEqualTo("gzip");
        assertThat(g.header("content-type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(g.header("vary")).isEqualTo("Accept-Encoding");
        assertThat(g.bytes()).isEqualTo(gz);
        var b = get("/static/app.js", "Accept-Encoding", "gzip, deflate, br");
        assertThat(b.header("content-encoding")).isEqualTo("br");
        assertThat(b.bytes()).isEqualTo(BR);
        var plain = get("/static/app.js");
        assertThat(plain.header("content-encoding")).isNull();
        assertThat(plain.header("vary")).isEqualTo("Accept-Encoding");
        assertThat(text(plain)).startsWith("console.log");
        assertThat(get("/static/app.js", "Accept-Encoding", "br;q=0, gzip;q=0").header("content-encoding")).isNull();
        // each representation has its own validator
        assertThat(g.header("etag")).isNotEqualTo(plain.header("etag"));
        assertThat(get("/static/app.js", "Accept-Encoding", "gzip", "If-None-Match", g.header("etag"))
                .status()).isEqualTo(304);
        assertThat(get("/static/hello.txt", "Accept-Encoding", "gzip").header("vary")).isNull();
    }

    @Test
    void everyWayOutOfTheDirectoryIs404() throws Exception {
        List<String> attempts = List.of(
                "/static/../secret.txt", "/static/%2e%2e/secret.txt", "/static/%2E%2E/%2e%2e/secret.txt",
                "/static/..%2fsecret.txt", "/static/%2e%2e%2fsecret.txt", "/static/sub/%2e%2e/%2e%2e/secret.txt",
                "/static/..\\secret.txt", "/static/%5c..%5csecret.txt", "/static/sub\\..\\..\\secret.txt",
                "/static/./hello.txt", "/static/hello.txt%00.png", "/static/escape.txt", "/static/linkdir/secret.txt",
                "/static//etc/passwd", "/static/%2fetc%2fpasswd", "/site/../secret.txt", "/cp/../logback-test.xml",
                "/cp/%2e%2e/logback-test.xml");
        try (RawConnection c = RawConnection.open(app)) {
            for (String path : attempts) {
                c.send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
                RawResponse r = c.read();
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.body()).as(path).isEqualTo("{\"detail\":\"Not Found\"}").doesNotContain("secret");
            }
        }
        // a link that stays inside the directory is an ordinary file
        assertThat(text(get("/static/alias.txt"))).isEqualTo("Hello, static world!");
    }

    @Test
    void onlyGetAndHeadAndNotInOpenApi() throws Exception {
        var post = client.post("/static/hello.txt").send();
        assertThat(post.status()).isEqualTo(405);
        assertThat(java.util.Objects.requireNonNullElse(post.header("allow"), "")).contains("GET");
        assertThat(client.get("/openapi.json").send().text()).doesNotContain("/static").doesNotContain("/site").doesNotContain("/cp");
    }

    @Test
    void classpathResources() throws Exception {
        var r = get("/cp/hello.txt");
        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).isEqualTo("from the class path");
        assertThat(text(get("/cp/hello.txt", "Range", "bytes=5-8"))).isEqualTo("the ");
        assertThat(text(get("/cp/sub/"))).isEqualTo("<p>cp sub index</p>");
        assertThat(get("/cp/missing.txt").status()).isEqualTo(404);
        String etag = r.header("etag");
        assertThat(get("/cp/hello.txt", "If-None-Match", etag).status()).isEqualTo(304);
    }
}
