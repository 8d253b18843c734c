package dev.brisk;

import dev.brisk.internal.server.HttpServer;
import dev.brisk.json.Json;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

/**
 * The one-time work of an app's first start, begun early on a thread of its own so that it overlaps
 * whatever the main thread does meanwhile (a launcher parsing its command line, the app adding its
 * routes). Measured on the seed app (benchmarks/startup/RESULTS.md): Jackson's mapper is ~600 classes
 * and Netty's transport, platform probes and codec some 500 more, all on the main thread's path before
 * the port opens; on two cores most of it now runs beside the main thread instead of after it.
 *
 * <p>Deterministic: it only initialises what start() would (the default JSON codec, with one encode;
 * Netty's classes, without allocating a buffer), and {@link Brisk#start()} waits for it before it
 * touches Netty, so no Netty class is initialised by two threads at once. The JSON part needs no such
 * wait: a thread that reaches {@link Json#defaultCodec()} first blocks on its class initialisation.
 * A failure here is dropped: start() then meets the same condition itself and reports it there.
 */
final class StartAhead {
    private static FutureTask<Void> task;
    private static final CountDownLatch logging = new CountDownLatch(1);

    private StartAhead() {}

    static synchronized void begin() {
        if (task != null) return;
        task = new FutureTask<>(StartAhead::work, null);
        Thread t = new Thread(task, "brisk-start-ahead");
        t.setDaemon(true);
        t.start();
    }

    /** Waits for the work begun by {@link #begin()}, if any. */
    static void await() {
        FutureTask<Void> t;
        synchronized (StartAhead.class) {
            t = task;
        }
        if (t == null) return;
        try {
            t.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException dropped) {
            // start() does the same work and reports the same failure in its own words
        }
    }

    /**
     * Waits until the start-ahead thread has set logging up, if it was begun: {@link Brisk}'s constructor
     * calls this (create()), so that the app and the server log through real loggers. A logger asked for while
     * another thread sets SLF4J up is its substitute, whose calls are queued and replayed with a warning.
     */
    static void awaitLogging() {
        synchronized (StartAhead.class) {
            if (task == null) return;
        }
        try {
            logging.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void work() {
        try {
            // the JSON codec first: the main thread needs it soonest (new BriskConfig() holds it);
            // one encode builds the serializers a first JSON answer needs
            Json.defaultCodec().encode(Map.of("message", "Hello, World!"));
        } finally {
            // then logging (SLF4J finding its provider, logback its configuration: ~450 classes), which
            // the app needs from its creation on (awaitLogging), and Netty's classes log when initialised
            try {
                // another thread may have begun it (a class with a static logger): until it is done SLF4J
                // answers with its substitute factory, and what Netty logs meanwhile would be queued
                while (LoggerFactory.getILoggerFactory() instanceof SubstituteLoggerFactory) Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                logging.countDown();
            }
        }
        HttpServer.prepare();
    }
}
