package dev.brisk.lab.cli;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.util.Map;

/** An application class for {@code ./brisk serve}, following its convention. */
public final class HelloApp {
    private HelloApp() {}

    public static Brisk app(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.get("/", worker(req -> Map.of("hello", "world", "thread", Thread.currentThread().getName())));
        return app;
    }

    public static Brisk other(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.get("/other", worker(req -> Map.of("factory", "other")));
        return app;
    }

    public static Brisk broken(BriskConfig config) {
        throw new IllegalStateException("database not configured");
    }
}
