package dev.brisk.health;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.routing.Route;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Liveness and readiness for load balancers and Kubernetes probes, registered as ordinary routes:
 * <ul>
 *   <li>{@code GET /health/live}: 200 {@code {"status": "ok"}} while the process serves at all;</li>
 *   <li>{@code GET /health/ready}: 200 {@code {"status": "ready"}}; 503 {@code {"status": "draining"}}
 *       from the moment the app begins to stop (SIGTERM), and 503
 *       {@code {"status": "unavailable", "failing": ["database"]}} while a check fails.</li>
 * </ul>
 *
 * <pre>{@code
 * Brisk app = Brisk.create(config);
 * Health.install(app)                                 // or install(app, "/livez", "/readyz")
 *       .check("database", () -> pool.ping())         // runs on the worker lane, may block
 *       .check("cache", () -> cache.isConnected());
 * }</pre>
 *
 * <p>Checks run on the worker lane (a database ping blocks), all at once, each bounded by the check
 * timeout (default 2 s; a check that times out fails). Without checks, readiness answers on the loop.
 * The routes are left out of the OpenAPI document.
 */
public final class Health {
    /** One readiness check: {@code true} when healthy; {@code false} or an exception means failing. */
    @FunctionalInterface
    public interface Check {
        boolean healthy() throws Exception;
    }

    private record Named(String name, Check check) {}

    private static final Response LIVE = Response.json(Map.of("status", "ok"));
    private static final Response READY = Response.json(Map.of("status", "ready"));
    private static final Response DRAINING = Response.json(Map.of("status", "draining")).withStatus(503);

    private final Brisk app;
    private final List<Named> checks = new CopyOnWriteArrayList<>();
    private volatile Duration timeout = Duration.ofSeconds(2);

    private Health(Brisk app) {
        this.app = app;
    }

    /** Adds {@code GET /health/live} and {@code GET /health/ready} to {@code app} (before it starts). */
    public static Health install(Brisk app) {
        return install(app, "/health/live", "/health/ready");
    }

    /** The same on other paths (e.g. {@code /livez}, {@code /readyz}). */
    public static Health install(Brisk app, String livePath, String readyPath) {
        Health h = new Health(Objects.requireNonNull(app, "app"));
        exclude(app.get(livePath, loopSafe(req -> LIVE)));
        exclude(app.get(readyPath, loop(req -> h.ready(req))));
        return h;
    }

    // Out of the OpenAPI document, and out of the in-flight limit: an orchestrator must get its answer
    // while the app refuses other work with 503, or it restarts an instance that is merely busy.
    private static void exclude(Route r) {
        r.includeInSchema(false).inFlightLimited(false);
    }

    /** Adds a readiness check named {@code name} (its name is reported while it fails). */
    public Health check(String name, Check check) {
        checks.add(new Named(Objects.requireNonNull(name, "name"), Objects.requireNonNull(check, "check")));
        return this;
    }

    /** How long one check may take before it counts as failing (default 2 s). */
    public Health timeout(Duration value) {
        this.timeout = Objects.requireNonNull(value);
        return this;
    }

    private CompletionStage<Response> ready(dev.brisk.Request req) {
        if (app.isDraining()) return CompletableFuture.completedFuture(DRAINING);
        if (checks.isEmpty()) return CompletableFuture.completedFuture(READY);
        List<CompletableFuture<String>> runs = new ArrayList<>(checks.size());
        for (Named n : checks) {
            runs.add(req.offload(() -> healthy(n) ? null : n.name(), timeout)
                    .toCompletableFuture()
                    .exceptionally(e -> n.name()));   // timed out: failing
        }
        return CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).thenApply(v -> {
            if (app.isDraining()) return DRAINING;
            List<String> failing = new ArrayList<>();
            for (CompletableFuture<String> f : runs) {
                String name = f.join();
                if (name != null) failing.add(name);
            }
            if (failing.isEmpty()) return READY;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "unavailable");
            body.put("failing", failing);
            return Response.json(body).withStatus(503);
        });
    }

    private static boolean healthy(Named n) {
        try {
            return n.check().healthy();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger("brisk.health").warn("readiness check '{}' failed: {}", n.name(), e.toString());
            return false;
        }
    }
}
