package dev.brisk.examples.tutorial;

import static dev.brisk.Handler.loopSafe;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.middleware.GZipMiddleware;

/** FastAPI's "Advanced Middleware" page: {@code GZipMiddleware(minimum_size=1000)}. */
public final class GZipTutorial {
    private GZipTutorial() {}

    public static Brisk create(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.addMiddleware(new GZipMiddleware(1000, 5));
        app.get("/", loopSafe(req -> Response.text("somebigcontent".repeat(100))));
        app.get("/small", loopSafe(req -> Response.text("small")));
        return app;
    }

    public static void main(String[] args) {
        create(new BriskConfig().port(8000)).start();
    }
}
