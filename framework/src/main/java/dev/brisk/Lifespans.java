package dev.brisk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's lifespans (FastAPI's {@code lifespan}): started in the order added, their values put into
 * the app's state; shut down in reverse, only those that started. Part of {@link Brisk}.
 */
final class Lifespans {
    private static final Logger log = LoggerFactory.getLogger("brisk");

    private final List<Lifespan> added = new ArrayList<>();
    private final List<Lifespan> started = new ArrayList<>();

    void add(Lifespan lifespan) {
        added.add(lifespan);
    }

    /** Starts each in turn; the first failure stops the sequence and is thrown (as unchecked). */
    void start(Brisk app, State state) {
        for (Lifespan l : added) {
            Map<String, ?> values;
            try {
                values = l.startup(app);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("lifespan start-up failed: " + e.getMessage(), e);
            }
            started.add(l);
            if (values != null) values.forEach(state::put);
        }
    }

    /** Shuts down the started ones, last first; a failure is logged and the others still run. */
    void stop(Brisk app) {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).shutdown(app);
            } catch (Exception e) {
                log.error("lifespan shutdown failed", e);
            }
        }
        started.clear();
    }
}
