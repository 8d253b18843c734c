package dev.brisk.lab.experiments;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The lab starts and stops a dozen servers; their startup lines and access logs would bury the
 * results, so Brisk's loggers are switched off while the lab runs and are restored afterwards.
 */
final class QuietLogs implements AutoCloseable {
    // brisk.error too: E2 stops the upstream under a stuck loop on purpose, and those 500s are expected.
    private static final String[] NAMES = {"brisk", "brisk.server", "brisk.access", "brisk.error", "brisk.overload"};
    private final Map<Logger, Level> saved = new LinkedHashMap<>();

    static QuietLogs apply() {
        QuietLogs q = new QuietLogs();
        for (String name : NAMES) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                q.saved.put(logger, logger.getLevel());
                logger.setLevel(Level.OFF);
            }
        }
        return q;
    }

    @Override
    public void close() {
        saved.forEach(Logger::setLevel);
    }
}
