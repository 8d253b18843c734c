package dev.brisk.examples.tutorial;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.Response;
import java.util.Map;

/**
 * FastAPI's "Handling Errors" page: {@code HttpException} with a detail and headers, and a custom
 * exception with its own handler.
 */
public final class ErrorsTutorial {
    private static final Map<String, String> ITEMS = Map.of("foo", "The Foo Wrestlers");

    /** A domain exception, answered by its own handler. */
    public static final class UnicornException extends RuntimeException {
        private final String name;

        public UnicornException(String name) {
            super("unicorn " + name);
            this.name = name;
        }

        public String name() {
            return name;
        }
    }

    private ErrorsTutorial() {}

    public static Brisk create(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.exceptionHandler(UnicornException.class, (req, e) -> Response.json(
                Map.of("message", "Oops! " + e.name() + " did something. There goes a rainbow...")).withStatus(418));
        app.get("/items/{item_id}", worker(req -> {
            String item = ITEMS.get(req.pathParam("item_id"));
            if (item == null) throw new HttpException(404, "Item not found", Map.of("X-Error", "There goes my error"));
            return Map.of("item", item);
        }));
        app.get("/unicorns/{name}", worker(req -> {
            if (req.pathParam("name").equals("yolo")) throw new UnicornException("yolo");
            return Map.of("unicorn_name", req.pathParam("name"));
        }));
        return app;
    }

    public static void main(String[] args) {
        create(new BriskConfig().port(8000)).start();
    }
}
