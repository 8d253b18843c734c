package dev.brisk;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures the log events of every logger while open, for the framework's own tests. It stays in test
 * scope on purpose: it is logback-specific, and the public harness ({@code dev.brisk.testing}) must not
 * force logback (or any SLF4J binding) on users; an app's tests capture logs with their own backend.
 *
 * <pre>{@code
 * try (LogCapture logs = new LogCapture()) {
 *     client.get("/boom").assertStatus(500);
 *     assertThat(logs.atLeast(Level.ERROR)).hasSize(1);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    public LogCapture() {
        appender.start();
        root.addAppender(appender);
    }

    public List<ILoggingEvent> events() {
        // ListAppender appends under its own lock (AppenderBase.doAppend is synchronized on the appender)
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    public List<ILoggingEvent> atLeast(Level level) {
        return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
    }

    public List<ILoggingEvent> from(String logger) {
        return events().stream().filter(e -> e.getLoggerName().equals(logger)).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
    }
}
