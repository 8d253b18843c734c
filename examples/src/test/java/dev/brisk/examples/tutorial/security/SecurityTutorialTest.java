package dev.brisk.examples.tutorial.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JWT tutorial over real HTTP: login → token → /users/me; wrong password, garbled, forged and expired
 * tokens are 401 with WWW-Authenticate; a token without the route's scope is 401 "Not enough permissions";
 * the OpenAPI document carries the OAuth2 password flow with the relative tokenUrl.
 */
class SecurityTutorialTest {
    static final byte[] SECRET = "a-test-secret-of-thirty-two-byte".getBytes(StandardCharsets.US_ASCII);
    // 1,000 iterations keep the test quick on a loaded machine; the app's default is OWASP's 600,000
    static final Passwords PASSWORDS = new Passwords(1_000);

    static BriskTestClient start() {
        return BriskTestClient.start(SecurityTutorial.create(new BriskConfig().loops(1).accessLog(false),
                new Tokens(SECRET, Duration.ofMinutes(30)), PASSWORDS));
    }

    static String login(BriskTestClient c, String user, String password, String scope) {
        var r = c.post("/token").form(Map.of("username", user, "password", password, "scope", scope)).assertStatus(200)
                .assertJson("token_type", "bearer");
        return (String) r.json("access_token");
    }

    @Test
    void loginThenReadTheCurrentUser() {
        try (BriskTestClient c = start()) {
            String token = login(c, "johndoe", "secret", "me items");
            assertThat(token.split("\\.")).hasSize(3);
            c.get("/users/me").header("authorization", "Bearer " + token).assertStatus(200)
                    .assertJson("username", "johndoe").assertJson("email", "johndoe@example.com");
            c.get("/users/me/items").header("authorization", "Bearer " + token).assertStatus(200)
                    .assertJson("[0].owner", "johndoe");
            // a disabled user gets a token but no data (FastAPI's get_current_active_user)
            String alice = login(c, "alice", "secret2", "me");
            c.get("/users/me").header("authorization", "Bearer " + alice).assertStatus(400).assertJson("detail", "Inactive user");
        }
    }

    @Test
    void badCredentialsAndBadTokensAre401WithAChallenge() {
        try (BriskTestClient c = start()) {
            c.post("/token").form(Map.of("username", "johndoe", "password", "wrong")).assertStatus(401)
                    .assertJson("detail", "Incorrect username or password").assertHeader("www-authenticate", "Bearer");
            c.post("/token").form(Map.of("username", "nobody", "password", "secret")).assertStatus(401);
            c.get("/users/me").assertStatus(401).assertJson("detail", "Not authenticated").assertHeader("www-authenticate", "Bearer");
            c.get("/users/me").header("authorization", "Bearer not.a.jwt").assertStatus(401)
                    .assertJson("detail", "Could not validate credentials").assertHeader("www-authenticate", "Bearer scope=\"me\"");
            String forged = new Tokens("another-secret-thirty-two-bytes!".getBytes(StandardCharsets.US_ASCII), Duration.ofMinutes(5))
                    .issue("johndoe", List.of("me"));
            c.get("/users/me").header("authorization", "Bearer " + forged).assertStatus(401)
                    .assertJson("detail", "Could not validate credentials");
            Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
            String expired = new Tokens(SECRET, Duration.ofMinutes(30), past).issue("johndoe", List.of("me"));
            c.get("/users/me").header("authorization", "Bearer " + expired).assertStatus(401)
                    .assertJson("detail", "Could not validate credentials").assertHeader("www-authenticate", "Bearer scope=\"me\"");
        }
    }

    @Test
    void aTokenWithoutTheScopeIsNotEnough() {
        try (BriskTestClient c = start()) {
            String onlyMe = login(c, "johndoe", "secret", "me");
            c.get("/users/me").header("authorization", "Bearer " + onlyMe).assertStatus(200);
            c.get("/users/me/items").header("authorization", "Bearer " + onlyMe).assertStatus(401)
                    .assertJson("detail", "Not enough permissions").assertHeader("www-authenticate", "Bearer scope=\"me items\"");
            String none = login(c, "johndoe", "secret", "");
            c.get("/users/me").header("authorization", "Bearer " + none).assertStatus(401).assertJson("detail", "Not enough permissions");
            c.get("/status").header("authorization", "Bearer " + none).assertStatus(200).assertJson("status", "ok");
        }
    }

    @Test
    void theDocumentDescribesThePasswordFlow() {
        try (BriskTestClient c = start()) {
            var doc = c.get("/openapi.json").assertStatus(200);
            assertThat(doc.json("components.securitySchemes.OAuth2PasswordBearer.flows.password.tokenUrl")).isEqualTo("token");
            assertThat(doc.json("paths./users/me.get.security")).isEqualTo(List.of(Map.of("OAuth2PasswordBearer", List.of("me"))));
            assertThat(doc.json("paths./users/me/items.get.security"))
                    .isEqualTo(List.of(Map.of("OAuth2PasswordBearer", List.of("me", "items"))));
            assertThat(doc.json("paths./status.get.security")).isEqualTo(List.of(Map.of("OAuth2PasswordBearer", List.of())));
        }
    }

    @Test
    void passwordsAreSaltedAndVerifiedAndTheDefaultWorkFactorIsOwasps() {
        String a = PASSWORDS.hash("secret");
        assertThat(a).startsWith("pbkdf2_sha256$1000$").isNotEqualTo(PASSWORDS.hash("secret"));
        assertThat(PASSWORDS.verify("secret", a)).isTrue();
        assertThat(PASSWORDS.verify("Secret", a)).isFalse();
        assertThat(PASSWORDS.verify("secret", "garbage")).isFalse();
        assertThat(Passwords.DEFAULT_ITERATIONS).isEqualTo(600_000);
    }
}
