package dev.brisk.testing;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BriskTestClientTest {
    record Item(String name, double price, List<String> tags) {}

    private static Brisk app() {
        Brisk app = Brisk.create(new BriskConfig().port(8000).loops(1)); // the client forces port 0
        app.get("/items/{item_id}", worker(req -> Map.of("item_id", Integer.parseInt(req.pathParam("item_id")),
                "q", String.valueOf(req.queryParams("q")))));
        app.post("/items", worker(req -> {
            Item item = req.bodyAs(Item.class);
            return Response.json(Map.of("item", item, "token", String.valueOf(req.header("x-token")),
                    "session", String.valueOf(req.cookie("session")), "type", req.header("content-type"))).withStatus(201);
        }));
        app.post("/upload", worker(req -> Map.of("body", req.bodyText(), "type", req.header("content-type"))));
        app.post("/form", worker(req -> Map.of("body", req.bodyText(), "type", req.header("content-type"))));
        app.get("/login", worker(req -> Response.text("in").withCookie("session", "s3cret", "Path=/")));
        app.get("/whoami", worker(req -> Map.of("session", String.valueOf(req.cookie("session")))));
        app.get("/old", worker(req -> Response.redirect("/items/7")));
        return app;
    }

    // the same fluent API in both modes: each scenario below runs in-process and port-bound
    private static BriskTestClient open(Brisk app, boolean inProcess) {
        return inProcess ? BriskTestClient.inProcess(app) : BriskTestClient.start(app);
    }

    @Test
    void startsOnAFreePortAndStopsOnClose() {
        Brisk app = app();
        try (BriskTestClient client = BriskTestClient.start(app)) {
            assertThat(app.isRunning()).isTrue();
            assertThat(app.port()).isNotEqualTo(8000).isPositive();
            assertThat(client.baseUrl()).isEqualTo("http://127.0.0.1:" + app.port());
            client.get("/items/1").assertStatus(200).assertJson("item_id", 1);
        }
        assertThat(app.isRunning()).isFalse();
    }

    @ParameterizedTest(name = "in-process: {0}")
    @ValueSource(booleans = {true, false})
    void jsonBodyHeadersCookiesAndQuery(boolean inProcess) {
        try (BriskTestClient client = open(app(), inProcess)) {
            client.post("/items").json(new Item("Foo", 42.5, List.of("a", "b")))
                    .header("X-Token", "coneofsilence").cookie("session", "abc").send()
                    .assertStatus(201)
                    .assertJson("item", Map.of("name", "Foo", "price", 42.5, "tags", List.of("a", "b")))
                    .assertJson("item.tags[1]", "b").assertJson("item.tags.-1", "b")
                    .assertJson("token", "coneofsilence").assertJson("session", "abc")
                    .assertJson("type", "application/json");
            client.get("/items/3").query("q", "a b").query("q", "ü&").assertJson("q", "[a b, ü&]");
            client.post("/form").form(Map.of("name", "x y")).send()
                    .assertJson("body", "name=x%20y").assertJson("type", "application/x-www-form-urlencoded");
        }
    }

    @ParameterizedTest(name = "in-process: {0}")
    @ValueSource(booleans = {true, false})
    void keepsCookiesAndFollowsRedirectsByDefault(boolean inProcess) {
        try (BriskTestClient client = open(app(), inProcess)) {
            client.get("/whoami").assertJson("session", "null");
            client.get("/login").assertStatus(200);
            client.get("/whoami").assertJson("session", "s3cret");
            client.get("/old").assertStatus(200).assertJson("item_id", 7);
            client.get("/old").followRedirects(false).send().assertStatus(307).assertHeader("location", "/items/7");
        }
    }

    @ParameterizedTest(name = "in-process: {0}")
    @ValueSource(booleans = {true, false})
    void failedAssertionsShowStatusAndBody(boolean inProcess) {
        try (BriskTestClient client = open(app(), inProcess)) {
            assertThatThrownBy(() -> client.get("/items/1").assertStatus(404))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("expected status 404 but was 200")
                    .hasMessageContaining("\"item_id\":1");
            assertThatThrownBy(() -> client.get("/items/1").assertJson("item_id", 2))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("expected 2 but was 1");
            assertThatThrownBy(() -> client.get("/items/1").assertJson("nope.deeper", 2))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("no JSON value at 'nope.deeper'");
            assertThatThrownBy(() -> client.get("/nowhere").assertHeader("x-missing", "v"))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("but was null");
        }
    }

    @ParameterizedTest(name = "in-process: {0}")
    @ValueSource(booleans = {true, false})
    void multipartFieldsAndFiles(boolean inProcess) {
        try (BriskTestClient client = open(app(), inProcess)) {
            TestResponse r = client.post("/upload").field("token", "abc")
                    .file("upload", "a.txt", "text/plain", "hello file".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .send().assertStatus(200);
            String type = (String) r.json("type");
            assertThat(type).startsWith("multipart/form-data; boundary=");
            String boundary = type.substring(type.indexOf('=') + 1);
            assertThat((String) r.json("body")).isEqualTo("--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"token\"\r\n\r\nabc\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"upload\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello file\r\n"
                    + "--" + boundary + "--\r\n");
        }
    }
}
