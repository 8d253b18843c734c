package dev.brisk.examples.tutorial;

import static dev.brisk.Handler.loopSafe;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.middleware.CorsMiddleware;
import java.util.Map;

/** FastAPI's "CORS (Cross-Origin Resource Sharing)" page: a front-end on localhost calls the API. */
public final class CorsTutorial {
    private CorsTutorial() {}

    // docs:begin cors
    public static Brisk create(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.addMiddleware(new CorsMiddleware(CorsMiddleware.options()
                .allowOrigins("http://localhost.tiangolo.com", "https://localhost.tiangolo.com",
                        "http://localhost", "http://localhost:8080")
                .allowCredentials(true)
                .allowMethods("*")
                .allowHeaders("*")));
        app.get("/", loopSafe(req -> Map.of("message", "Hello World")));
        return app;
    }
    // docs:end

    public static void main(String[] args) {
        create(new BriskConfig().port(8000)).start();
    }
}
