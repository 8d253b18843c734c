package dev.brisk.middleware;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS replacing a header the route set must keep a streamed body (it used to drop it). */
class CorsStreamingTest {
    @Test
    void replacingAHeaderKeepsTheStream() {
        Brisk app = Brisk.create(new BriskConfig().port(0));
        app.get("/stream", worker(req -> Response.stream(
                List.of("a".getBytes(StandardCharsets.UTF_8), "b".getBytes(StandardCharsets.UTF_8)), "text/plain")
                .withHeader("Vary", "Accept-Encoding")));
        app.addMiddleware(new CorsMiddleware(CorsMiddleware.options().allowOrigins("https://example.org")));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/stream").header("Origin", "https://example.org").send()
                    .assertStatus(200)
                    .assertBody("ab")
                    .assertHeader("access-control-allow-origin", "https://example.org")
                    .assertHeader("vary", "Accept-Encoding, Origin");
        }
    }
}
