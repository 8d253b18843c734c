package dev.brisk.security;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.ApiRouter;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Post;
import dev.brisk.deps.Depends;
import dev.brisk.testing.BriskTestClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each scheme answers as FastAPI 0.92 does (status, detail, WWW-Authenticate), hands over the
 * credential, yields null with autoError(false), and shows up in the OpenAPI document: the scheme in
 * components.securitySchemes, the requirement (with scopes) on exactly the operations that use it.
 */
class SecuritySchemesTest {
    /** Two API-key headers in one app, keyed apart by subclass. */
    public static final class AdminKey extends APIKeyHeader { public AdminKey() { super("x-admin-key"); } }

    /** A declared dependency over the OAuth2 scheme that reads the route's scopes. */
    public static final class CurrentUser {
        public Map<String, Object> provide(@Depends(OAuth2PasswordBearer.class) String token,
                                           @Depends(SecurityScopes.class) SecurityScopes required) {
            return Map.of("token", token, "required", required.scopes());
        }
    }

    public static final class Api {
        @Get("/oauth") public Map<String, Object> oauth(@Depends(CurrentUser.class) Map<String, Object> user) { return user; }
        @Get("/items") public Map<String, Object> items(@Depends(CurrentUser.class) @Scopes("items") Map<String, Object> user) { return user; }
        @Get("/bearer") public HTTPAuthorizationCredentials bearer(@Depends(HTTPBearer.class) HTTPAuthorizationCredentials c) { return c; }
        @Get("/basic") public HTTPBasicCredentials basic(@Depends(HTTPBasic.class) HTTPBasicCredentials c) { return c; }
        @Get("/key") public Map<String, String> key(@Depends(APIKeyHeader.class) String key) { return Map.of("key", key); }
        @Get("/admin") public Map<String, String> admin(@Depends(AdminKey.class) String key) { return Map.of("admin", key); }
        @Get("/query-key") public Map<String, String> queryKey(@Depends(APIKeyQuery.class) String key) { return Map.of("key", key); }
        @Get("/cookie-key") public Map<String, Object> cookieKey(@Depends(APIKeyCookie.class) String key) {
            return java.util.Collections.singletonMap("key", key);   // null with autoError(false)
        }
        @Get("/public") public Map<String, String> open() { return Map.of("ok", "yes"); }
        @Post("/token") public OAuth2PasswordRequestForm token(@Depends(OAuth2PasswordRequestForm.class) OAuth2PasswordRequestForm form) { return form; }
        @Post("/token-strict") public OAuth2PasswordRequestForm strict(@Depends(OAuth2PasswordRequestFormStrict.class) OAuth2PasswordRequestForm form) { return form; }
    }

    private static Brisk app() {
        Brisk app = Brisk.create(new BriskConfig().loops(1).accessLog(false));
        app.dependency(OAuth2PasswordBearer.class, OAuth2PasswordBearer.tokenUrl("token").scopes(Map.of("items", "Read items.")));
        app.dependency(HTTPBearer.class, new HTTPBearer().bearerFormat("JWT"));
        app.dependency(HTTPBasic.class, new HTTPBasic().realm("brisk"));
        app.dependency(APIKeyHeader.class, APIKeyHeader.named("x-key"));
        app.dependency(APIKeyQuery.class, APIKeyQuery.named("api_key"));
        app.dependency(APIKeyCookie.class, APIKeyCookie.named("session").autoError(false));
        app.include(new Api());
        ApiRouter sso = ApiRouter.create().prefix("/sso")
                .dependencies(OAuth2AuthorizationCodeBearer.of("https://sso.example/authorize", "https://sso.example/token"));
        sso.get("/me", worker(req -> Map.of("sso", true)));
        app.include(sso);
        app.get("/admin-scoped", worker(req -> Map.of("ok", true))).dependencies(Security.require(CurrentUser.class, "admin"));
        return app;
    }

    @Test
    void schemesAnswerAsFastApiDoes() {
        try (BriskTestClient c = BriskTestClient.start(app())) {
            c.get("/oauth").assertStatus(401).assertJson("detail", "Not authenticated").assertHeader("www-authenticate", "Bearer");
            c.get("/oauth").header("authorization", "Basic abc").assertStatus(401).assertHeader("www-authenticate", "Bearer");
            c.get("/oauth").header("authorization", "Bearer t0k").assertStatus(200).assertJson("token", "t0k")
                    .assertJson("required", List.of());
            c.get("/items").header("authorization", "bearer t1").assertStatus(200).assertJson("required", List.of("items"));
            c.get("/admin-scoped").assertStatus(401);
            c.get("/admin-scoped").header("authorization", "Bearer a").assertStatus(200);

            c.get("/bearer").assertStatus(403).assertJson("detail", "Not authenticated").assertNoHeader("www-authenticate");
            c.get("/bearer").header("authorization", "Token x").assertStatus(403).assertJson("detail", "Invalid authentication credentials");
            c.get("/bearer").header("authorization", "Bearer abc").assertStatus(200)
                    .assertJson("scheme", "Bearer").assertJson("credentials", "abc");

            c.get("/basic").assertStatus(401).assertJson("detail", "Not authenticated").assertHeader("www-authenticate", "Basic realm=\"brisk\"");
            c.get("/basic").header("authorization", "Basic %%%").assertStatus(401).assertJson("detail", "Invalid authentication credentials");
            c.get("/basic").header("authorization", "Basic " + b64("nocolon")).assertStatus(401)
                    .assertJson("detail", "Invalid authentication credentials");
            c.get("/basic").header("authorization", "Basic " + b64("ann:s3:cret")).assertStatus(200)
                    .assertJson("username", "ann").assertJson("password", "s3:cret");

            c.get("/key").assertStatus(403).assertJson("detail", "Not authenticated");
            c.get("/key").header("x-key", "k1").assertStatus(200).assertJson("key", "k1");
            c.get("/admin").header("x-key", "k1").assertStatus(403);
            c.get("/admin").header("x-admin-key", "a1").assertStatus(200).assertJson("admin", "a1");
            c.get("/query-key").query("api_key", "q1").assertStatus(200).assertJson("key", "q1");
            c.get("/query-key").assertStatus(403);
            c.get("/cookie-key").assertStatus(200).assertJson("key", null);
            c.get("/cookie-key").cookie("session", "c1").assertStatus(200).assertJson("key", "c1");
            c.get("/sso/me").assertStatus(401).assertHeader("www-authenticate", "Bearer");
            c.get("/sso/me").header("authorization", "Bearer s").assertStatus(200);
        }
    }

    @Test
    void passwordFormsReadFastApisFields() {
        try (BriskTestClient c = BriskTestClient.start(app())) {
            c.post("/token").form(Map.of("username", "ann", "password", "pw", "scope", "me  items"))
                    .assertStatus(200).assertJson("username", "ann").assertJson("scopes", List.of("me", "items"))
                    .assertJson("grantType", null);
            c.post("/token").form(Map.of("username", "ann")).assertStatus(422)
                    .assertJson("detail[0].loc", List.of("body", "password")).assertJson("detail[0].type", "missing");
            c.post("/token").form(Map.of("username", "a", "password", "p", "grant_type", "client_credentials")).assertStatus(422)
                    .assertJson("detail[0].loc", List.of("body", "grant_type"));
            c.post("/token-strict").form(Map.of("username", "a", "password", "p")).assertStatus(422)
                    .assertJson("detail[0].loc", List.of("body", "grant_type"));
            c.post("/token-strict").form(Map.of("username", "a", "password", "p", "grant_type", "password", "client_id", "cli"))
                    .assertStatus(200).assertJson("grantType", "password").assertJson("clientId", "cli");
        }
    }

    @Test
    void openApiListsSchemesAndPerOperationRequirements() {
        try (BriskTestClient c = BriskTestClient.start(app())) {
            var doc = c.get("/openapi.json").assertStatus(200);
            assertThat(doc.json("components.securitySchemes.OAuth2PasswordBearer")).isEqualTo(Map.of("type", "oauth2",
                    "flows", Map.of("password", Map.of("scopes", Map.of("items", "Read items."), "tokenUrl", "token"))));
            assertThat(doc.json("components.securitySchemes.HTTPBearer")).isEqualTo(Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"));
            assertThat(doc.json("components.securitySchemes.HTTPBasic")).isEqualTo(Map.of("type", "http", "scheme", "basic"));
            assertThat(doc.json("components.securitySchemes.APIKeyHeader")).isEqualTo(Map.of("type", "apiKey", "in", "header", "name", "x-key"));
            assertThat(doc.json("components.securitySchemes.AdminKey")).isEqualTo(Map.of("type", "apiKey", "in", "header", "name", "x-admin-key"));
            assertThat(doc.json("components.securitySchemes.APIKeyQuery")).isEqualTo(Map.of("type", "apiKey", "in", "query", "name", "api_key"));
            assertThat(doc.json("components.securitySchemes.APIKeyCookie")).isEqualTo(Map.of("type", "apiKey", "in", "cookie", "name", "session"));
            assertThat(doc.json("components.securitySchemes.OAuth2AuthorizationCodeBearer.flows.authorizationCode.authorizationUrl"))
                    .isEqualTo("https://sso.example/authorize");
            assertThat(doc.json("paths./oauth.get.security")).isEqualTo(List.of(Map.of("OAuth2PasswordBearer", List.of())));
            assertThat(doc.json("paths./items.get.security")).isEqualTo(List.of(Map.of("OAuth2PasswordBearer", List.of("items"))));
            assertThat(doc.json("paths./admin-scoped.get.security")).isEqualTo(List.of(Map.of("OAuth2PasswordBearer", List.of("admin"))));
            assertThat(doc.json("paths./admin.get.security")).isEqualTo(List.of(Map.of("AdminKey", List.of())));
            assertThat(doc.json("paths./sso/me.get.security")).isEqualTo(List.of(Map.of("OAuth2AuthorizationCodeBearer", List.of())));
            assertThat(((Map<?, ?>) doc.json("paths./public.get")).containsKey("security")).isFalse();
            // the password form is the token route's form body, as in FastAPI
            assertThat(doc.json("paths./token.post.requestBody.content").toString()).contains("application/x-www-form-urlencoded")
                    .contains("grant_type").contains("client_secret");
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }
}
