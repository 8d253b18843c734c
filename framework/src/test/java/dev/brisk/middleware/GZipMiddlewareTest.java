package dev.brisk.middleware;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class GZipMiddlewareTest {
    static final String BIG = "x".repeat(1000);
    static final String HUGE = "0123456789abcdef".repeat(10_000); // 160 KB: compressed on the CPU pool

    private static BriskTestClient start() {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/big", worker(req -> Response.text(BIG)));
        app.get("/huge", loopSafe(req -> Response.text(HUGE)));
        app.get("/small", worker(req -> Response.text("x".repeat(499))));
        app.get("/edge", worker(req -> Response.text("x".repeat(500))));
        app.get("/encoded", worker(req -> Response.bytes(200, "application/octet-stream", BIG.getBytes(StandardCharsets.UTF_8))
                .withHeader("Content-Encoding", "br")));
        app.addMiddleware(new GZipMiddleware());
        app.addMiddleware(new CorsMiddleware(CorsMiddleware.options().allowOrigins("https://example.org")));
        return BriskTestClient.start(app);
    }

    private static String gunzip(TestResponse r) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.bytes()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void compressesLargeBodiesWhenAccepted() throws IOException {
        try (BriskTestClient client = start()) {
            TestResponse r = client.get("/big").header("Accept-Encoding", "gzip, deflate").send()
                    .assertStatus(200).assertHeader("content-encoding", "gzip").assertHeader("vary", "Accept-Encoding");
            assertThat(r.bytes().length).isLessThan(100);
            assertThat(r.header("content-length")).isEqualTo(Integer.toString(r.bytes().length));
            assertThat(r.header("content-type")).startsWith("text/plain");
            assertThat(gunzip(r)).isEqualTo(BIG);
            TestResponse huge = client.get("/huge").header("Accept-Encoding", "gzip").send().assertHeader("content-encoding", "gzip");
            assertThat(gunzip(huge)).isEqualTo(HUGE);
            client.get("/edge").header("Accept-Encoding", "gzip").send().assertHeader("content-encoding", "gzip");
        }
    }

    @Test
    void leavesSmallUnacceptedAndEncodedBodiesAlone() {
        try (BriskTestClient client = start()) {
            client.get("/small").header("Accept-Encoding", "gzip").send().assertNoHeader("content-encoding").assertBody("x".repeat(499));
            client.get("/big").send().assertNoHeader("content-encoding").assertBody(BIG);
            client.get("/big").header("Accept-Encoding", "br, gzip;q=0").send().assertNoHeader("content-encoding").assertBody(BIG);
            client.get("/big").header("Accept-Encoding", "identity").send().assertNoHeader("content-encoding");
            TestResponse enc = client.get("/encoded").header("Accept-Encoding", "gzip").send().assertHeader("content-encoding", "br");
            assertThat(new String(enc.bytes(), StandardCharsets.UTF_8)).isEqualTo(BIG);
        }
    }

    @Test
    void combinesVaryWithCors() {
        try (BriskTestClient client = start()) {
            // CORS is outermost (added last): it adds Origin to the Vary that GZip set
            client.get("/big").header("Accept-Encoding", "gzip").header("Origin", "https://example.org").send()
                    .assertHeader("content-encoding", "gzip").assertHeader("vary", "Accept-Encoding, Origin");
        }
    }

    @Test
    void acceptEncodingParsing() {
        assertThat(GZipMiddleware.acceptsGzip("gzip")).isTrue();
        assertThat(GZipMiddleware.acceptsGzip("deflate, GZIP;q=0.5")).isTrue();
        assertThat(GZipMiddleware.acceptsGzip("*")).isTrue();
        assertThat(GZipMiddleware.acceptsGzip("gzip;q=0")).isFalse();
        assertThat(GZipMiddleware.acceptsGzip("br")).isFalse();
        assertThat(GZipMiddleware.acceptsGzip(null)).isFalse();
    }
}
