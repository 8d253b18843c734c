package dev.brisk.deps;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Header;
import dev.brisk.annotation.Query;
import dev.brisk.testing.BriskTestClient;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Dependencies that declare their inputs like routes (validated, documented), that the app builds
 * itself (holding its own objects), and that a test replaces with {@code dependencyOverrides()} — per
 * app, never JVM-wide.
 */
class DeclaredDependenciesTest {
    public record User(String name) {}

    /** A token check built by the app around its own user table; its input is a header, declared. */
    public static final class VerifyToken {
        private final Map<String, String> users;

        public VerifyToken(Map<String, String> users) {
            this.users = users;
        }

        public User provide(@Header("x-token") String token) {
            String name = users.get(token);
            if (name == null) throw new HttpException(401, "Invalid token", Map.of("www-authenticate", "Bearer"));
            return new User(name);
        }
    }

    /** A sub-dependant: uses VerifyToken and a query parameter of its own. */
    public static final class Greeting {
        public String provide(@Depends(VerifyToken.class) User user, @Query(defaultValue = "Hello") String word) {
            return word + ", " + user.name();
        }
    }

    public static final class Api {
        @Get("/me")
        public User me(@Depends(VerifyToken.class) User user) {
            return user;
        }

        @Get("/greet")
        public Map<String, String> greet(@Depends(Greeting.class) String greeting) {
            return Map.of("greeting", greeting);
        }

        @Get("/db-name")
        public Map<String, String> dbName(@Depends(DataSource.class) DataSource ds) {
            return Map.of("ds", ds.getClass().getSimpleName());
        }
    }

    private static Brisk app(Map<String, String> users) {
        Brisk app = Brisk.create(new BriskConfig().loops(1).accessLog(false));
        app.dependency(VerifyToken.class, new VerifyToken(users));
        app.include(new Api());
        return app;
    }

    @Test
    void declaredInputsAreBoundValidatedAndDocumented() {
        try (BriskTestClient client = BriskTestClient.start(app(Map.of("t1", "alice")))) {
            client.get("/me").header("x-token", "t1").assertStatus(200).assertJson("name", "alice");
            client.get("/me").header("x-token", "nope").assertStatus(401).assertJson("detail", "Invalid token")
                    .assertHeader("www-authenticate", "Bearer");
            // a missing declared header is FastAPI's 422, located in the header
            client.get("/me").assertStatus(422).assertJson("detail[0].loc", List.of("header", "x-token"))
                    .assertJson("detail[0].type", "missing");
            // sub-dependency plus its own query input; errors of both levels are reported together
            client.get("/greet").header("x-token", "t1").query("word", "Hi").assertStatus(200)
                    .assertJson("greeting", "Hi, alice");
            var params = client.get("/openapi.json").send().json("paths./greet.get.parameters");
            assertThat(params.toString()).contains("x-token").contains("word");
            assertThat(client.get("/openapi.json").send().json("paths./me.get.parameters").toString())
                    .contains("x-token").contains("header");
        }
    }

    @Test
    void overridesReplaceADependencyAlsoInsideOtherDependencies() {
        Brisk app = app(Map.of("t1", "alice"));
        app.dependencyOverrides().put(VerifyToken.class, (Provider<User>) scope -> new User("test-user"));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/me").assertStatus(200).assertJson("name", "test-user");
            client.get("/greet").assertStatus(200).assertJson("greeting", "Hello, test-user");
            app.dependencyOverrides().clear();
            client.get("/me").header("x-token", "t1").assertStatus(200).assertJson("name", "alice");
        }
    }

    @Test
    void providerConstantsAreOverriddenByIdentity() {
        Provider<String> region = scope -> "eu-west";
        Brisk app = Brisk.create(new BriskConfig().loops(1).accessLog(false));
        app.get("/region", worker(req -> Map.of("region", Dependencies.resolve(req, region))));
        app.dependencyOverrides().put(region, scope -> "test-region");
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/region").assertStatus(200).assertJson("region", "test-region");
        }
    }

    @Test
    void twoAppsInOneJvmKeepTheirOwnDependencies() {
        Brisk a = app(Map.of("t", "alice"));
        Brisk b = app(Map.of("t", "bob"));
        b.dependencyOverrides().put(Greeting.class, (Provider<String>) scope -> "overridden in b only");
        try (BriskTestClient ca = BriskTestClient.start(a); BriskTestClient cb = BriskTestClient.start(b)) {
            ca.get("/me").header("x-token", "t").assertStatus(200).assertJson("name", "alice");
            cb.get("/me").header("x-token", "t").assertStatus(200).assertJson("name", "bob");
            ca.get("/greet").header("x-token", "t").assertStatus(200).assertJson("greeting", "Hello, alice");
            cb.get("/greet").assertStatus(200).assertJson("greeting", "overridden in b only");
        }
    }

    @Test
    void appScopedObjectsAreInjectedAsTheyAre() {
        Brisk app = app(Map.of());
        app.dependency(DataSource.class, new FakeDataSource());
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/db-name").assertStatus(200).assertJson("ds", "FakeDataSource");
        }
    }

    /** Only its identity matters here. */
    static final class FakeDataSource implements DataSource {
        @Override public java.sql.Connection getConnection() { throw new UnsupportedOperationException(); }
        @Override public java.sql.Connection getConnection(String u, String p) { throw new UnsupportedOperationException(); }
        @Override public java.io.PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(java.io.PrintWriter out) {}
        @Override public void setLoginTimeout(int seconds) {}
        @Override public int getLoginTimeout() { return 0; }
        @Override public java.util.logging.Logger getParentLogger() { return null; }
        @Override public <T> T unwrap(Class<T> iface) { return null; }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
