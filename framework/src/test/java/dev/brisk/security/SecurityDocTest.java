package dev.brisk.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/security.md quotes SecurityDocApp verbatim, and the example behaves as the page says. */
class SecurityDocTest {
    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs/security.md"))) p = p.getParent();
        return p;
    }

    @Test
    void thePageQuotesTheExampleVerbatim() throws Exception {
        String source = Files.readString(root().resolve("framework/src/test/java/dev/brisk/security/SecurityDocApp.java"));
        String snippet = source.substring(source.indexOf("// DOC:begin") + "// DOC:begin".length(), source.indexOf("        // DOC:end"));
        String page = Files.readString(root().resolve("docs/security.md"));
        List<String> lines = Arrays.stream(snippet.split("\n")).filter(l -> !l.isBlank()).map(l -> l.substring(Math.min(8, l.length()))).toList();
        assertThat(lines).hasSizeGreaterThan(10);
        for (String line : lines) assertThat(page).as("docs/security.md quotes SecurityDocApp").contains(line);
    }

    @Test
    void theExampleRuns() {
        try (BriskTestClient client = BriskTestClient.start(SecurityDocApp.app("a-secret-of-at-least-16-chars"))) {
            client.get("/me").send().assertStatus(401).assertJson("detail", "Not authenticated");
            client.post("/login").query("next", "/me\r\nSet-Cookie: evil=1").header("x-password", "nope").send().assertStatus(401)
                    .assertHeader("www-authenticate", "Basic");
            var in = client.post("/login").query("next", "/me\r\nSet-Cookie: evil=1").header("x-password", "s3cret")
                    .followRedirects(false).send().assertStatus(303)
                    .assertHeader("location", "/me%0D%0ASet-Cookie:%20evil=1");
            assertThat(in.headers("set-cookie")).anyMatch(c -> c.startsWith("theme=dark; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax"))
                    .anyMatch(c -> c.startsWith("session=")).noneMatch(c -> c.contains("evil"));
            client.get("/me").send().assertStatus(200).assertJson("user", "alice"); // the client kept the session cookie
        }
        assertThat(new BriskConfig().headTimeout()).hasSeconds(30);
        assertThat(new BriskConfig().maxConnections()).isZero();
    }
}
