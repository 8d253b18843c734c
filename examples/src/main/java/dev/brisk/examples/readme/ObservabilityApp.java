package dev.brisk.examples.readme;

import static dev.brisk.Handler.loop;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.micrometer.BriskMetrics;
import dev.brisk.observe.RequestIds;
import dev.brisk.opentelemetry.BriskTracing;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The README's "Observability" example, kept compiling and running by ObservabilityReadmeTest. */
public final class ObservabilityApp {
    private static final Logger log = LoggerFactory.getLogger(ObservabilityApp.class);

    private ObservabilityApp() {}

    // README:begin
    public static Brisk app(BriskConfig config, OpenTelemetry otel) {
        Brisk app = Brisk.create(config
                .observe(new RequestIds())       // X-Request-ID in and out, request_id in the MDC
                .accessLogJson(true));           // brisk.access: one JSON object a line
        BriskMetrics.prometheus().install(app);  // GET /metrics (Prometheus), meters by route template
        BriskTracing.create(otel).install(app);  // a server span per request, traceparent honoured
        app.get("/orders/{id}", loop(req -> {
            log.info("looking up order {}", req.pathParam("id"));  // logged with its request_id
            return req.sleep(Duration.ofMillis(5))                  // the span and MDC follow it here
                    .thenApply(v -> Map.of("id", req.pathParam("id")));
        }));
        return app;
    }
    // README:end
}
