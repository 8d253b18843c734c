package dev.brisk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Collects what Netty's leak detector (paranoid in the build) reports, so a test class can assert it
 * leaked no buffer: install before the test, {@link #assertNoLeaks} after stopping the server.
 */
public final class LeakCheck {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private LeakCheck() {}

    public static synchronized void install() {
        if (installed) return;
        installed = true;
        Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getFormattedMessage().contains("LEAK")) LEAKS.add(e.getFormattedMessage());
            }
        };
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Collects garbage, lets the detector poll what was collected, and fails on any reported leak. */
    public static void assertNoLeaks() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            // leaks are reported when a later allocation polls the detector's reference queue
            for (ByteBufAllocator a : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT)) {
                for (int j = 0; j < 50; j++) {
                    ByteBuf b = a.directBuffer(8);
                    b.retainedDuplicate().release();
                    b.release();
                }
            }
        }
        assertThat(LEAKS).as("Netty buffer leaks").isEmpty();
    }
}
