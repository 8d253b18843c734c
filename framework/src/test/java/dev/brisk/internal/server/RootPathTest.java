package dev.brisk.internal.server;

import static dev.brisk.Handler.loopSafe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * uvicorn's --root-path behind a proxy that strips the prefix: the app still routes /items, while the
 * OpenAPI document names the prefix in servers, /docs and /redoc load their document and assets under
 * it, and request URLs include it (with the scheme and host a trusted proxy forwarded).
 */
class RootPathTest {

    @Test
    void theRootPathShowsInOpenApiTheDocsAndRequestUrls() throws Exception {
        BriskConfig c = BriskTestClient.testConfig();
        c.deployment().rootPath("/api/v1/");
        Brisk app = Brisk.create(c);
        app.get("/items", loopSafe(req -> Map.of("url", req.url(), "root", req.rootPath())));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            assertThat(client.get("/openapi.json").send().text()).contains("\"servers\":[{\"url\":\"/api/v1\"}]");
            String docs = client.get("/docs").send().text();
            assertThat(docs).contains("url: '/api/v1/openapi.json'").contains("href=\"/api/v1/docs/swagger-ui.css");
            assertThat(client.get("/redoc").send().text()).contains("spec-url=\"/api/v1/openapi.json\"");
            assertThat(client.get("/docs/swagger-ui.css").send().status()).isEqualTo(200);   // assets still served unprefixed

            Map<String, Object> seen = ProxyHeadersTest.get(app, "127.0.0.1", "/items?x=1",
                    "X-Forwarded-Proto: https\r\nX-Forwarded-Host: example.com\r\n");
            assertThat(seen).containsEntry("url", "https://example.com/api/v1/items?x=1").containsEntry("root", "/api/v1");
        }
    }

    @Test
    void withoutARootPathNothingChanges() throws Exception {
        Brisk app = Brisk.create(BriskTestClient.testConfig());
        app.get("/items", loopSafe(req -> Map.of("url", req.url())));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            assertThat(client.get("/openapi.json").send().text()).doesNotContain("/api").contains("\"servers\":[{\"url\":\"/\"}]");
            assertThat(client.get("/items").send().text()).contains("http://127.0.0.1:" + app.port() + "/items");
        }
    }

    @Test
    void aRootPathMustBeAPath() {
        assertThatThrownBy(() -> new BriskConfig().deployment().rootPath("api")).hasMessageContaining("starting with '/'");
        assertThatThrownBy(() -> new BriskConfig().deployment().rootPath("/a b")).hasMessageContaining("/a b");
    }
}
