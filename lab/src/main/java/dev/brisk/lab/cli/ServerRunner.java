package dev.brisk.lab.cli;

import dev.brisk.Brisk;
import java.util.concurrent.CountDownLatch;

/** Runs an app in the foreground until SIGINT/SIGTERM, then stops it gracefully. */
public final class ServerRunner {
    private ServerRunner() {}

    public static int runUntilSignal(Brisk app) throws InterruptedException {
        app.start();
        return runUntilSignal(app::stop);
    }

    /** Waits for SIGINT/SIGTERM, then runs {@code stop} (something already started). */
    public static int runUntilSignal(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        }, "brisk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
        return 0;
    }
}
