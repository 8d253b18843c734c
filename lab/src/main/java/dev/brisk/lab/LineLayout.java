package dev.brisk.lab;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;

/**
 * uvicorn's log line, {@code INFO:     message}, and the stack trace of an exception after it: what the
 * pattern {@code %-9(%level:) %msg%n} printed. By hand because logback's PatternLayout builds its whole
 * converter table when first used (some 150 classes and 70 lambdas at start-up, for two of them).
 */
final class LineLayout extends LayoutBase<ILoggingEvent> {
    private static final String PAD = "         ";

    @Override
    public String doLayout(ILoggingEvent event) {
        String level = event.getLevel().toString();
        StringBuilder line = new StringBuilder(level.length() + 80).append(level).append(':');
        if (level.length() + 1 < PAD.length()) line.append(PAD, 0, PAD.length() - level.length() - 1);
        line.append(' ').append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown != null) line.append(ThrowableProxyUtil.asString(thrown)).append(CoreConstants.LINE_SEPARATOR);
        return line.toString();
    }
}
