package dev.brisk.lab;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** The command line's log line is uvicorn's, as the pattern {@code %-9(%level:) %msg%n} printed it. */
class LineLayoutTest {
    private final Logger logger = new LoggerContext().getLogger("brisk");
    private final LineLayout layout = new LineLayout();

    private String line(Level level, String message, Throwable thrown, Object... args) {
        return layout.doLayout(new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, args));
    }

    @Test
    void levelPaddedToNineThenTheFormattedMessage() {
        String nl = System.lineSeparator();
        assertThat(line(Level.INFO, "Started server process [{}]", null, 42)).isEqualTo("INFO:     Started server process [42]" + nl);
        assertThat(line(Level.WARN, "slow", null)).isEqualTo("WARN:     slow" + nl);
        assertThat(line(Level.ERROR, "failed", null)).isEqualTo("ERROR:    failed" + nl);
        assertThat(line(Level.DEBUG, "x", null)).isEqualTo("DEBUG:    x" + nl);
    }

    @Test
    void anExceptionFollowsWithItsStackAndCause() {
        Exception e = new IllegalStateException("outer", new java.io.IOException("inner"));
        String out = line(Level.ERROR, "shutdown hook failed", e);
        assertThat(out).startsWith("ERROR:    shutdown hook failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: outer");
        assertThat(out).contains("\tat dev.brisk.lab.LineLayoutTest.anExceptionFollowsWithItsStackAndCause")
                .contains("Caused by: java.io.IOException: inner");
    }
}
