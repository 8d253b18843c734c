package dev.brisk;

import java.util.Map;

/**
 * Start-up and shutdown as one object, like FastAPI's {@code lifespan} context manager: what the
 * start-up returns becomes application {@link State}; the shutdown runs when the app stops, after
 * in-flight requests finish. Several lifespans start in the order added and shut down in reverse.
 *
 * <pre>{@code
 * app.lifespan(new Lifespan() {
 *     public Map<String, ?> startup(Brisk app) { return Map.of("pool", ConnectionPool.open(url)); }
 *     public void shutdown(Brisk app) { app.state().get("pool", ConnectionPool.class).close(); }
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Lifespan {
    /** Runs before the port opens; the returned entries (may be empty or {@code null}) go into {@link Brisk#state()}. */
    Map<String, ?> startup(Brisk app) throws Exception;

    /** Runs during {@link Brisk#stop()}; errors are logged and do not stop other shutdowns. */
    default void shutdown(Brisk app) throws Exception {}
}
