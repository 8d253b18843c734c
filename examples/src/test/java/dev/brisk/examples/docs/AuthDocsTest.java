package dev.brisk.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.annotation.Get;
import dev.brisk.deps.Depends;
import dev.brisk.security.APIKeyHeader;
import dev.brisk.security.HTTPBasic;
import dev.brisk.security.HTTPBasicCredentials;
import dev.brisk.testing.BriskTestClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/auth.md: every {@code java} block is a {@code // docs:begin NAME} region of the examples (the
 * JWT tutorial, run by SecurityTutorialTest and AuthBrowserTest; the two-key sample, run here).
 */
class AuthDocsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL);

    // docs:begin auth-two-keys
    /** Two schemes of one kind, keyed apart by subclass; the class name is the scheme's name in OpenAPI. */
    public static final class AdminKey extends APIKeyHeader {
        public AdminKey() { super("x-admin-key"); }
    }

    public static final class PartnerKey extends APIKeyHeader {
        public PartnerKey() { super("x-partner-key"); }
    }

    public static final class Api {
        @Get("/admin/report")
        public Map<String, String> report(@Depends(AdminKey.class) String key) {
            return Map.of("report", "for admins");
        }

        @Get("/partner/feed")
        public Map<String, String> feed(@Depends(PartnerKey.class) String key) {
            return Map.of("feed", "for partners");
        }

        @Get("/basic")
        public Map<String, String> basic(@Depends(HTTPBasic.class) HTTPBasicCredentials credentials) {
            return Map.of("user", credentials.username());
        }
    }

    static Brisk app(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.dependency(HTTPBasic.class, new HTTPBasic().realm("reports"));   // configured: registered
        app.include(new Api());                                              // AdminKey, PartnerKey: made by Brisk
        return app;
    }
    // docs:end

    @Test
    void everyJavaBlockIsTestedCode() throws Exception {
        Map<String, String> regions = DocsTest.regions();
        String doc = Files.readString(DocsTest.root().resolve("docs/auth.md"));
        Matcher m = JAVA_BLOCK.matcher(doc);
        List<String> quoted = new ArrayList<>();
        while (m.find()) {
            String block = DocsTest.dedent(m.group(1));
            Optional<String> name = regions.entrySet().stream().filter(e -> e.getValue().equals(block)).map(Map.Entry::getKey).findFirst();
            assertThat(name).as("docs/auth.md block is not a docs:begin region of the examples:\n%s", block).isPresent();
            quoted.add(name.get());
        }
        assertThat(quoted).containsExactlyInAnyOrder("auth-users", "auth-dependencies", "auth-routes", "auth-two-keys");
    }

    @Test
    void twoKeysOneKindAnswerAndAreDocumentedApart() {
        try (BriskTestClient c = BriskTestClient.start(app(new BriskConfig().loops(1).accessLog(false)))) {
            c.get("/admin/report").header("x-partner-key", "p").assertStatus(403).assertJson("detail", "Not authenticated");
            c.get("/admin/report").header("x-admin-key", "a").assertStatus(200);
            c.get("/partner/feed").header("x-partner-key", "p").assertStatus(200);
            c.get("/basic").assertStatus(401).assertHeader("www-authenticate", "Basic realm=\"reports\"");
            String basic = java.util.Base64.getEncoder().encodeToString("ann:pw".getBytes(StandardCharsets.US_ASCII));
            c.get("/basic").header("authorization", "Basic " + basic).assertStatus(200).assertJson("user", "ann");
            var doc = c.get("/openapi.json").assertStatus(200);
            assertThat(doc.json("components.securitySchemes.AdminKey.name")).isEqualTo("x-admin-key");
            assertThat(doc.json("components.securitySchemes.PartnerKey.name")).isEqualTo("x-partner-key");
            assertThat(doc.json("paths./partner/feed.get.security")).isEqualTo(List.of(Map.of("PartnerKey", List.of())));
        }
    }
}
