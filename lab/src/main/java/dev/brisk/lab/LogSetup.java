package dev.brisk.lab;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command line's logging, set up in code rather than from logback.xml: uvicorn's look
 * ({@code INFO:     message}), access lines through an async appender so logging never holds an
 * event loop, {@code BRISK_LOG_LEVEL} and {@code BRISK_ACCESS_LEVEL} from the environment. In code
 * because reading XML costs start-up some 600 classes (Joran and the JDK's XML parser) for five
 * lines of settings; and with a layout of its own ({@link LineLayout}) rather than a pattern. A
 * {@code logback.xml} or {@code logback-test.xml} on the class path, or
 * {@code -Dlogback.configurationFile}, still wins.
 */
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader cl = LogSetup.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || cl.getResource("logback-test.xml") != null
                || cl.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineLayout layout = new LineLayout();   // "%-9(%level:) %msg%n", without PatternLayout's start-up cost
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setEncoder(encoder);
        console.start();
        AsyncAppender access = new AsyncAppender();
        access.setContext(context);
        access.setName("ACCESS");
        access.setQueueSize(8192);
        access.setDiscardingThreshold(0);
        access.setNeverBlock(true);
        access.addAppender(console);
        access.start();

        Logger accessLog = context.getLogger("brisk.access");
        accessLog.setLevel(Level.toLevel(System.getenv("BRISK_ACCESS_LEVEL"), Level.INFO));
        accessLog.setAdditive(false);
        accessLog.addAppender(access);
        context.getLogger("io.netty").setLevel(Level.WARN);
        context.getLogger("org.hibernate").setLevel(Level.WARN);
        context.getLogger("brisk.server").setLevel(Level.INFO);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("BRISK_LOG_LEVEL"), Level.INFO));
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
