package dev.brisk.health;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.time.Duration;
import java.util.Map;

/** A user's own main: app.start() and return, as a service would. Run in a child JVM by {@link HealthTest}. */
public final class SigtermMain {
    public static void main(String[] args) {
        BriskConfig config = new BriskConfig().port(0).accessLog(false);
        config.deployment().drainDelay(Duration.ofMillis(Long.parseLong(args[0])))
                .shutdownHook(Boolean.parseBoolean(args[1]));
        Brisk app = Brisk.create(config);
        Health.install(app);
        app.get("/slow", worker(req -> {
            Thread.sleep(Long.parseLong(req.queryParam("ms")));
            return Map.of("slept", true);
        }));
        app.onShutdown(() -> System.out.println("user shutdown hook ran"));
        app.start();
        System.out.println("PORT=" + app.port());
    }
}
