package dev.brisk.examples.bookstore;

import static dev.brisk.Handler.loopSafe;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.openapi.ResponseModel;
import java.util.Map;

/**
 * A small bookstore API that exercises what the OpenAPI document can describe: typed path, query,
 * header and body parameters, nested records with constraints, enums, lists, optional fields, a 201
 * route, tags, summaries, and a lambda route with a declared response model. Open {@code /docs} or
 * {@code /redoc} after starting it.
 *
 * <pre>{@code
 * Brisk app = BookstoreApp.create(new BriskConfig().port(8000));
 * app.start();   // http://127.0.0.1:8000/docs
 * }</pre>
 */
public final class BookstoreApp {
    private BookstoreApp() {}

    /** The app on a new {@link Brisk} (not started). */
    public static Brisk create(BriskConfig config) {
        Brisk app = Brisk.create(config.info("Bookstore", "1.0.0", "Books, authors and orders: the OpenAPI showcase."));
        BooksController books = new BooksController();
        app.include(books);
        app.get("/health", loopSafe(req -> new Health("ok", books.count())))
                .summary("Health check").tags("ops")
                .extension(ResponseModel.class, ResponseModel.of(Health.class));
        app.get("/version", loopSafe(req -> Map.of("version", "1.0.0"))).tags("ops");
        return app;
    }

    /** The answer of {@code GET /health}. */
    public record Health(String status, int books) {}
}
