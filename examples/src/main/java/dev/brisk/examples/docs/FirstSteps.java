package dev.brisk.examples.docs;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.util.Map;

/** Tutorial chapter 1: FastAPI's "First Steps". */
public final class FirstSteps {
    private FirstSteps() {}

    // docs:begin first-steps
    public static Brisk app(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.get("/", worker(req -> Map.of("message", "Hello World")));
        return app;
    }
    // docs:end
}
