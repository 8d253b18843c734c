package dev.brisk.examples.docs;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Settings;
import dev.brisk.annotation.Default;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Tutorial chapter 11: settings from the environment (pydantic-settings) and a main for java -jar. */
public final class Deployment {
    private Deployment() {}

    // docs:begin settings
    public record AppSettings(@Default("Awesome API") String appName,
                              @Default("127.0.0.1") String host,
                              @Default("8000") @Min(0) @Max(65535) int port,
                              Optional<String> databaseUrl,
                              @Default("PT30S") Duration shutdownTimeout) {}

    public static Brisk app(BriskConfig config, AppSettings settings) {
        Brisk app = Brisk.create(config);
        app.get("/info", worker(req -> Map.of("app_name", settings.appName(),
                "database", settings.databaseUrl().isPresent())));
        return app;
    }

    public static void main(String[] args) {
        AppSettings settings = Settings.load(AppSettings.class, "APP_");   // APP_PORT, APP_DATABASE_URL, .env
        BriskConfig config = new BriskConfig().host(settings.host()).port(settings.port())
                .shutdownTimeout(settings.shutdownTimeout());
        Brisk app = app(config, settings);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));      // SIGTERM: drain, then exit
        app.start();
    }
    // docs:end
}
