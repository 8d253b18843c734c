package dev.brisk.examples.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.examples.tutorial.security.Passwords;
import dev.brisk.examples.tutorial.security.SecurityTutorial;
import dev.brisk.examples.tutorial.security.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof in a real browser: headless Chromium (Debian's {@code chromium}) driven by playwright-core opens
 * the security tutorial's {@code /docs}; GET /users/me executed without authorizing shows 401; after
 * Authorize (OAuth2 password flow: Swagger UI posts the form to the relative tokenUrl) it shows 200 and
 * the user. Skipped, with the reason, where Chromium or npm is unavailable.
 */
class AuthBrowserTest {
    private static final byte[] SECRET = "browser-test-secret-of-32-bytes!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @TempDir
    Path tmp;

    @Test
    void swaggerUiAuthorizesWithThePasswordFlow() throws Exception {
        assumeTrue(Files.isExecutable(NodeTools.CHROMIUM),
                "Chromium not installed at " + NodeTools.CHROMIUM + " (apt-get install -y chromium): browser test skipped");
        Path tools = NodeTools.ensure(NodeTools.PLAYWRIGHT);
        Path script = Path.of("src/test/js/auth-browser.js").toAbsolutePath();
        try (Brisk app = SecurityTutorial.create(new BriskConfig().port(0).loops(1).accessLog(false),
                new Tokens(SECRET, Duration.ofMinutes(30)), new Passwords(1_000))) {
            app.start();
            NodeTools.Result r = NodeTools.run(tmp, 180, "node", script.toString(), tools.toString(), app.url(),
                    tmp.resolve("chromium-profile").toString(), "johndoe", "secret");
            String all = NodeTools.tail(r.all());
            assertThat(r.exit()).as(all).isZero();
            assertThat(r.output()).as(all).contains("unauthorized: response 401", "token endpoint: POST " + app.url() + "/token -> 200", "authorize: token obtained",
                    "authorized: response 200", "OK");
        }
    }
}
