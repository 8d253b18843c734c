package dev.brisk.examples.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives every tutorial app, in the spirit of FastAPI's tests/test_tutorial. */
class TutorialTest {
    private static BriskConfig config() {
        return new BriskConfig().loops(1);
    }

    @Test
    void middleware() {
        try (BriskTestClient client = BriskTestClient.start(MiddlewareTutorial.create(config()))) {
            for (String path : new String[] {"/sync", "/async"}) {
                TestResponse r = client.get(path).assertStatus(200);
                assertThat(Double.parseDouble(r.header("x-process-time"))).isGreaterThanOrEqualTo(0.04);
            }
            client.get("/sync").assertJson("lane", "worker");
            client.get("/async").assertJson("lane", "loop");
            client.get("/nowhere").assertStatus(404).assertJson("detail", "Not Found"); // timed too
        }
    }

    @Test
    void cors() {
        try (BriskTestClient client = BriskTestClient.start(CorsTutorial.create(config()))) {
            client.get("/").header("Origin", "http://localhost:8080").send()
                    .assertJson("message", "Hello World")
                    .assertHeader("access-control-allow-origin", "http://localhost:8080")
                    .assertHeader("access-control-allow-credentials", "true");
            client.options("/").header("Origin", "http://localhost").header("Access-Control-Request-Method", "PUT")
                    .header("Access-Control-Request-Headers", "X-Custom").send()
                    .assertStatus(200).assertHeader("access-control-allow-origin", "http://localhost")
                    .assertHeader("access-control-allow-headers", "X-Custom");
            client.options("/").header("Origin", "https://evil.example").header("Access-Control-Request-Method", "GET").send()
                    .assertStatus(400).assertBody("Disallowed CORS origin");
        }
    }

    @Test
    void gzip() throws IOException {
        try (BriskTestClient client = BriskTestClient.start(GZipTutorial.create(config()))) {
            TestResponse big = client.get("/").header("Accept-Encoding", "gzip").send().assertHeader("content-encoding", "gzip");
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(big.bytes()))) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("somebigcontent".repeat(100));
            }
            client.get("/small").header("Accept-Encoding", "gzip").send().assertNoHeader("content-encoding").assertBody("small");
        }
    }

    @Test
    void errors() {
        try (BriskTestClient client = BriskTestClient.start(ErrorsTutorial.create(config()))) {
            client.get("/items/foo").assertStatus(200).assertJson("item", "The Foo Wrestlers");
            client.get("/items/bar").assertStatus(404).assertJson("detail", "Item not found")
                    .assertHeader("x-error", "There goes my error");
            client.get("/unicorns/yolo").assertStatus(418)
                    .assertJson("message", "Oops! yolo did something. There goes a rainbow...");
            client.get("/unicorns/shinny").assertStatus(200).assertJson("unicorn_name", "shinny");
        }
    }

    @Test
    void dependencies() {
        DependenciesTutorial.SESSION_LOG.clear();
        try (BriskTestClient client = BriskTestClient.start(DependenciesTutorial.create(config()))) {
            client.get("/items/?q=foo&skip=5&limit=30").assertJson("q", "foo").assertJson("skip", 5).assertJson("limit", 30);
            client.get("/items/").assertJson("skip", 0).assertJson("limit", 100);
            TestResponse me = client.get("/users/me").header("X-Token", "fake-super-secret-token").send().assertStatus(200);
            Object session = me.json("session");
            me.assertJson("user", "john (session " + session + ")"); // one session per request, shared
            client.get("/users/me").header("X-Token", "nope").send().assertStatus(400).assertJson("detail", "X-Token header invalid");
            client.get("/async/users/me").header("X-Token", "fake-super-secret-token").send().assertStatus(200);
            // every opened session is closed after its response
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> DependenciesTutorial.SESSION_LOG.stream()
                    .filter(s -> s.startsWith("closed")).count() == 2); // /users/me and /async/users/me (the bad token fails before a session is opened)
            assertThat(DependenciesTutorial.SESSION_LOG).contains("opened session " + session, "closed session " + session);
        }
    }

    @Test
    void backgroundTasks(@TempDir Path dir) {
        Path log = dir.resolve("log.txt");
        try (BriskTestClient client = BriskTestClient.start(BackgroundTasksTutorial.create(config(), log))) {
            client.post("/send-notification/foo@example.com").assertStatus(200)
                    .assertJson("message", "Notification sent in the background");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(log)
                    && Files.readString(log).equals("notification for foo@example.com: some notification\n"));
        }
    }

    @Test
    void lifespan() {
        LifespanTutorial.EVENTS.clear();
        try (BriskTestClient client = BriskTestClient.start(LifespanTutorial.create(config()))) {
            assertThat(LifespanTutorial.EVENTS).containsExactly("model loaded");
            client.get("/predict?x=2").assertStatus(200).assertJson("result", 84.0);
        }
        assertThat(LifespanTutorial.EVENTS).containsExactly("model loaded", "model released");
    }
}
