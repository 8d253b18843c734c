package dev.brisk.internal.dispatch;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ExceptionHandlersTest {

    static final class UnicornException extends RuntimeException {
        final String name;

        UnicornException(String name) {
            super("secret internals of " + name);
            this.name = name;
        }
    }

    /** Stands in for the params layer's validation exception: one registration maps it to 422. */
    static final class FakeValidationException extends RuntimeException {
        List<Map<String, Object>> errors() {
            return List.of(Map.of("type", "missing", "loc", List.of("query", "q"), "msg", "Field required"));
        }
    }

    private static Brisk app() {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/unicorns/{name}", worker(req -> { throw new UnicornException(req.pathParam("name")); }));
        app.get("/async-unicorns/{name}", loop(req -> CompletableFuture.failedFuture(new UnicornException(req.pathParam("name")))));
        app.get("/state", worker(req -> { throw new IllegalStateException("db password is hunter2"); }));
        app.get("/arg", worker(req -> { throw new IllegalArgumentException("bad"); }));
        app.get("/http", worker(req -> { throw new HttpException(401, Map.of("reason", "token"), Map.of("WWW-Authenticate", "Bearer")); }));
        app.get("/validate", worker(req -> { throw new FakeValidationException(); }));
        app.get("/boom", loop(req -> { throw new ArithmeticException("division by secret"); }));
        app.exceptionHandler(UnicornException.class, (req, e) -> Response.json(
                Map.of("message", "Oops! " + e.name + " did something. There goes a rainbow...")).withStatus(418));
        app.exceptionHandler(RuntimeException.class, (req, e) -> Response.json(Map.of("kind", "runtime")).withStatus(409));
        app.exceptionHandler(IllegalStateException.class, (req, e) -> Response.json(Map.of("kind", "state")).withStatus(503));
        app.exceptionHandler(FakeValidationException.class, (req, e) -> Response.json(Map.of("detail", e.errors())).withStatus(422));
        return app;
    }

    @Test
    void handlerByTypeInBothLanes() {
        try (BriskTestClient client = BriskTestClient.start(app())) {
            client.get("/unicorns/yolo").assertStatus(418)
                    .assertJson("message", "Oops! yolo did something. There goes a rainbow...");
            client.get("/async-unicorns/yolo").assertStatus(418).assertJson("message", "Oops! yolo did something. There goes a rainbow...");
        }
    }

    @Test
    void mostSpecificTypeWins() {
        try (BriskTestClient client = BriskTestClient.start(app())) {
            client.get("/state").assertStatus(503).assertJson("kind", "state");
            client.get("/arg").assertStatus(409).assertJson("kind", "runtime"); // nearest registered superclass
            client.get("/boom").assertStatus(409).assertJson("kind", "runtime");
            // HttpException keeps its own default handler: it is more specific than RuntimeException
            client.get("/http").assertStatus(401).assertJson("detail.reason", "token").assertHeader("www-authenticate", "Bearer");
        }
    }

    @Test
    void validationMappingIsOneRegistration() {
        try (BriskTestClient client = BriskTestClient.start(app())) {
            client.get("/validate").assertStatus(422).assertJson("detail[0].type", "missing").assertJson("detail[0].loc", List.of("query", "q"));
        }
    }

    @Test
    void httpExceptionHandlerOverrideAlsoShapesRouterMisses() {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/items", worker(req -> List.of()));
        app.exceptionHandler(HttpException.class, (req, e) -> Response.text("custom " + e.status() + " for " + req.path()).withStatus(e.status()));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/nowhere").assertStatus(404).assertBody("custom 404 for /nowhere");
            client.post("/items").assertStatus(405).assertBody("custom 405 for /items");
        }
    }

    @Test
    void unhandledErrorIs500WithoutInternalsAndLoggedOnceWithStack() {
        Logger logger = (Logger) LoggerFactory.getLogger("brisk.error");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/leak", worker(req -> { throw new IllegalStateException("db password is hunter2"); }));
        app.get("/leak-loop", loop(req -> CompletableFuture.failedFuture(new IllegalStateException("db password is hunter2"))));
        app.get("/bad-handler", worker(req -> { throw new UnicornException("x"); }));
        app.exceptionHandler(UnicornException.class, (req, e) -> { throw new IllegalStateException("handler broke: hunter2"); });
        try (BriskTestClient client = BriskTestClient.start(app)) {
            for (String path : List.of("/leak", "/leak-loop", "/bad-handler")) {
                var r = client.get(path).assertStatus(500).assertJson(Map.of("detail", "Internal Server Error"));
                assertThat(r.text()).doesNotContain("hunter2").doesNotContain("IllegalState");
            }
        } finally {
            logger.detachAppender(appender);
        }
        List<ILoggingEvent> errors = appender.list.stream().filter(e -> e.getThrowableProxy() != null).toList();
        assertThat(errors).hasSize(3); // once per failed request, each with its stack
        assertThat(errors.get(0).getThrowableProxy().getStackTraceElementProxyArray()).isNotEmpty();
    }
}
