package dev.brisk;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGTERM/SIGINT for apps started from the user's own {@code main}: a JVM shutdown hook that stops
 * the app gracefully (readiness 503, drain delay, drain, shutdown hooks), as {@code ./brisk serve}
 * does. Without it the JVM would exit on the signal without running the app's shutdown hooks.
 */
final class SignalStop {
    private static final Logger log = LoggerFactory.getLogger("brisk");

    private SignalStop() {}

    /** Registers the hook unless {@link Deployment#shutdownHook(boolean)} turned it off; returns it, or {@code null}. */
    static Thread install(Brisk app) {
        if (!app.config().deployment().shutdownHook()) return null;
        Thread hook = new Thread(app::stop, "brisk-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException e) {
            return null;   // the JVM is already shutting down
        }
        return hook;
    }

    /** Removes the hook after a stop that did not come from it, so a stopped app is not kept reachable. */
    static void remove(Thread hook) {
        if (hook == null || hook == Thread.currentThread()) return;
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutdown in progress: the hook runs (or ran) and finds the app stopped
        }
    }

    /** The pause between readiness turning 503 and the port closing, so load balancers stop sending first. */
    static void drainDelay(Duration delay) {
        if (delay.isZero()) return;
        log.info("Draining: readiness answers 503; the server stops in {} ms", delay.toMillis());
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
