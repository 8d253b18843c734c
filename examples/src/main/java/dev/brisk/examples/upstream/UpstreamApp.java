package dev.brisk.examples.upstream;

import static dev.brisk.Handler.loop;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import java.time.Duration;
import java.util.Map;

/**
 * Seed 001's slow upstream: {@code GET /?waitms=N} answers {@code {"waited_ms": N}} after N
 * milliseconds, on a timer, so it holds no thread and can keep thousands of requests waiting.
 *
 * <pre>{@code
 * Brisk upstream = UpstreamApp.create(new BriskConfig().port(8090));
 * upstream.start();
 * }</pre>
 */
public final class UpstreamApp {
    private UpstreamApp() {}

    public static Brisk create(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.get("/", loop(req -> {
            String text = req.queryParam("waitms");
            long ms;
            try {
                ms = text == null ? 1000 : Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new HttpException(422, "waitms must be an integer number of milliseconds");
            }
            if (ms < 0 || ms > 600_000) throw new HttpException(422, "waitms must be between 0 and 600000");
            return req.sleep(Duration.ofMillis(ms)).thenApply(v -> Map.of("waited_ms", ms));
        }));
        return app;
    }
}
