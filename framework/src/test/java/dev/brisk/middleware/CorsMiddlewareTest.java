package dev.brisk.middleware;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import org.junit.jupiter.api.Test;

/** The cases of Starlette's tests/middleware/test_cors.py, against a real server. */
class CorsMiddlewareTest {

    private static BriskTestClient start(CorsMiddleware.Options options) {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/", worker(req -> Response.text("Homepage")));
        app.addMiddleware(new CorsMiddleware(options));
        return BriskTestClient.start(app);
    }

    @Test
    void allowAllWithCredentials() {
        try (BriskTestClient client = start(CorsMiddleware.options().allowOrigins("*").allowHeaders("*")
                .allowMethods("*").exposeHeaders("X-Status").allowCredentials(true))) {
            // preflight: with credentials the origin is echoed, never "*"
            client.options("/").header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "X-Example").send()
                    .assertStatus(200).assertBody("OK")
                    .assertHeader("access-control-allow-origin", "https://example.org")
                    .assertHeader("access-control-allow-headers", "X-Example")
                    .assertHeader("access-control-allow-credentials", "true")
                    .assertHeader("access-control-allow-methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
                    .assertHeader("access-control-max-age", "600")
                    .assertHeader("vary", "Origin");
            // simple request
            client.get("/").header("Origin", "https://example.org").send()
                    .assertStatus(200).assertBody("Homepage")
                    .assertHeader("access-control-allow-origin", "*")
                    .assertHeader("access-control-expose-headers", "X-Status")
                    .assertHeader("access-control-allow-credentials", "true");
            // credentials + Authorization: explicit origin
            client.get("/").header("Origin", "https://example.org").header("Authorization", "Bearer x").send()
                    .assertHeader("access-control-allow-origin", "https://example.org").assertHeader("vary", "Origin");
            // no Origin: untouched
            client.get("/").send().assertStatus(200).assertNoHeader("access-control-allow-origin");
        }
    }

    @Test
    void allowAllWithoutCredentials() {
        try (BriskTestClient client = start(CorsMiddleware.options().allowOrigins("*").allowHeaders("*").allowMethods("*"))) {
            client.options("/").header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "X-Example").send()
                    .assertStatus(200).assertHeader("access-control-allow-origin", "*").assertNoHeader("vary")
                    .assertNoHeader("access-control-allow-credentials");
            // a cookie makes the origin explicit even without allow_credentials (Starlette's rule)
            client.get("/").header("Origin", "https://example.org").cookie("session", "1").send()
                    .assertHeader("access-control-allow-origin", "https://example.org").assertHeader("vary", "Origin");
            client.get("/").header("Origin", "https://example.org").header("Authorization", "Bearer x").send()
                    .assertHeader("access-control-allow-origin", "*");
        }
    }

    @Test
    void specificOrigins() {
        try (BriskTestClient client = start(CorsMiddleware.options().allowOrigins("https://example.org")
                .allowHeaders("X-Example", "Content-Type"))) {
            client.options("/").header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "X-Example, Content-Type").send()
                    .assertStatus(200).assertBody("OK")
                    .assertHeader("access-control-allow-origin", "https://example.org")
                    .assertHeader("access-control-allow-headers", "Accept, Accept-Language, Content-Language, Content-Type, X-Example")
                    .assertHeader("access-control-allow-methods", "GET")
                    .assertHeader("vary", "Origin")
                    .assertNoHeader("access-control-allow-credentials");
            client.get("/").header("Origin", "https://example.org").send()
                    .assertStatus(200).assertHeader("access-control-allow-origin", "https://example.org").assertHeader("vary", "Origin");
            // a disallowed origin still gets its answer, without CORS headers
            client.get("/").header("Origin", "https://another.org").send()
                    .assertStatus(200).assertBody("Homepage").assertNoHeader("access-control-allow-origin");
        }
    }

    @Test
    void disallowedPreflightIs400ListingWhatFailed() {
        try (BriskTestClient client = start(CorsMiddleware.options().allowOrigins("https://example.org")
                .allowHeaders("X-Example"))) {
            client.options("/").header("Origin", "https://another.org").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "X-Nope").send()
                    .assertStatus(400).assertBody("Disallowed CORS origin, method, headers")
                    .assertNoHeader("access-control-allow-origin");
            client.options("/").header("Origin", "https://example.org").header("Access-Control-Request-Method", "DELETE").send()
                    .assertStatus(400).assertBody("Disallowed CORS method");
            client.options("/").header("Origin", "https://example.org").header("Access-Control-Request-Method", "GET")
                    .header("Access-Control-Request-Headers", "X-Example, X-Other").send()
                    .assertStatus(400).assertBody("Disallowed CORS headers");
            // an OPTIONS without Access-Control-Request-Method is no preflight: the router answers (405)
            client.options("/").header("Origin", "https://example.org").send().assertStatus(405)
                    .assertHeader("access-control-allow-origin", "https://example.org");
        }
    }

    @Test
    void originRegexMustMatchWholly() {
        try (BriskTestClient client = start(CorsMiddleware.options().allowOriginRegex("https://.*\\.example\\.org")
                .maxAge(3600))) {
            client.get("/").header("Origin", "https://sub.example.org").send()
                    .assertHeader("access-control-allow-origin", "https://sub.example.org");
            client.get("/").header("Origin", "https://sub.example.org.evil.com").send()
                    .assertNoHeader("access-control-allow-origin");
            client.options("/").header("Origin", "https://a.example.org").header("Access-Control-Request-Method", "GET").send()
                    .assertStatus(200).assertHeader("access-control-allow-origin", "https://a.example.org")
                    .assertHeader("access-control-max-age", "3600");
        }
    }
}
