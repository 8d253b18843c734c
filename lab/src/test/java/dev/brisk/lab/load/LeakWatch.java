package dev.brisk.lab.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/**
 * Collects the leak reports of Netty's leak detector (the build runs tests at "paranoid") by
 * listening to its logger, so a test class can assert that it leaked no buffer.
 */
final class LeakWatch {
    static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static boolean installed;

    private LeakWatch() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent e) {
                if (e.getFormattedMessage().contains("LEAK")) {
                    LEAKS.add(e.getFormattedMessage());
                }
            }
        };
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Collects garbage, makes the detectors look at what was collected, and fails on any leak. */
    static void assertNoLeaks() throws InterruptedException {
        poke();
        assertThat(LEAKS).as("Netty buffer leaks").isEmpty();
    }

    static void poke() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            // Leaks are reported when a later allocation polls the detector's reference queue.
            for (ByteBufAllocator a : List.of(PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT,
                    ByteBufAllocator.DEFAULT)) {
                for (int j = 0; j < 50; j++) {
                    ByteBuf b = a.directBuffer(8);
                    b.retainedDuplicate().release();
                    b.release();
                }
            }
        }
    }
}
