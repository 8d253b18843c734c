package dev.brisk.lab.cli;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./brisk serve --reload}: uvicorn's reloader. It polls the watched files (uvicorn's StatReload:
 * a few hundred files stat'ed every 200 ms cost nothing, and polling needs no per-directory watch
 * registration), and on a change compiles the sources, stops the running app, and starts the new one
 * in a fresh class loader on the same port.
 *
 * <p>Why a class loader per generation and not a child JVM per restart (uvicorn's way, forced on it by
 * Python's import cache): the JVM, Brisk, Netty and javac stay loaded and JIT-compiled, so a restart
 * costs the compile plus the app's own start-up, about a second instead of a JVM start plus a cold
 * compiler. The user's classes and dependencies live only in the generation's loader, which is closed
 * and dropped; Brisk's classes are shared (parent-first), so static caches inside Brisk may keep an old
 * generation's classes reachable - a dev-mode cost, bounded by the number of reloads.
 */
final class Reloader implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger("brisk.reload");
    private static final long POLL_MS = 200;

    private final AppClasspath app;
    private final String target;
    private final IntFunction<BriskConfig> config;
    private final SourceCompiler compiler;
    private final Thread watcher;
    private volatile boolean closed;
    private int port;
    private Brisk running;
    private URLClassLoader loader;
    private Path classes;
    private int generation;

    Reloader(AppClasspath app, String target, int port, IntFunction<BriskConfig> config) {
        this.app = app;
        this.target = target;
        this.port = port;
        this.config = config;
        this.compiler = app.sources().isEmpty() ? null : new SourceCompiler(app.sources(), app.classpath());
        this.watcher = new Thread(this::watch, "brisk-reload");
        this.watcher.setDaemon(true);
    }

    /** Starts the first generation (a failure is logged, as later ones are) and the watcher. */
    synchronized void start() {
        log.info("Will watch for changes in these directories: {}", app.watched());
        log.info("Started reloader process [{}] using StatReload", ProcessHandle.current().pid());
        reload();
        watcher.start();
    }

    /** The port the app answers on (the bound one when started with port 0). */
    synchronized int port() {
        return running == null ? port : running.port();
    }

    /** How many generations have started successfully. */
    synchronized int generation() {
        return generation;
    }

    private void watch() {
        Map<Path, Long> seen = snapshot();
        while (!closed) {
            try {
                Thread.sleep(POLL_MS);
                Map<Path, Long> now = snapshot();
                if (now.equals(seen)) continue;
                Map<Path, Long> settled;                 // an editor's save can be several writes
                while (!(settled = snapshot()).equals(now)) {
                    now = settled;
                    Thread.sleep(50);
                }
                log.warn("StatReload detected changes in {}. Reloading...", changed(seen, now));
                seen = now;
                reload();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("reload failed", e);
            }
        }
    }

    private synchronized void reload() {
        if (closed) return;
        long t0 = System.nanoTime();
        Path next = null;
        if (compiler != null) {
            try {
                next = compiler.compile();
            } catch (SourceCompiler.CompileException e) {
                log.error("Compilation failed; still serving the previous version:\n{}", e.getMessage());
                return;
            }
        }
        long compiled = System.nanoTime();
        stopRunning();
        classes = next;
        loader = newLoader(next);
        Thread self = Thread.currentThread();
        ClassLoader saved = self.getContextClassLoader();
        self.setContextClassLoader(loader);
        try {
            Brisk fresh = ServeCommand.load(target, config.apply(port), loader);
            fresh.start();
            running = fresh;
            port = fresh.port();                          // keep the bound port across restarts
            generation++;
            log.info("Reloaded in {} ms (compile {} ms)", (System.nanoTime() - t0) / 1_000_000, (compiled - t0) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Application failed to start; waiting for changes: {}", e.getMessage());
        } finally {
            self.setContextClassLoader(saved);
        }
    }

    private URLClassLoader newLoader(Path compiled) {
        List<URL> urls = new ArrayList<>();
        try {
            if (compiled != null) urls.add(compiled.toUri().toURL());
            for (Path p : app.classpath()) urls.add(p.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
        return new URLClassLoader("brisk-app-" + (generation + 1), urls.toArray(URL[]::new), Reloader.class.getClassLoader());
    }

    private void stopRunning() {
        if (running != null) {
            try {
                running.stop();
            } catch (RuntimeException e) {
                log.error("stopping the previous version failed", e);
            }
            running = null;
        }
        if (loader != null) {
            try {
                loader.close();
            } catch (IOException e) {
                // closing only releases jar handles
            }
            loader = null;
        }
        SourceCompiler.delete(classes);
        classes = null;
    }

    private Map<Path, Long> snapshot() {
        Map<Path, Long> out = new HashMap<>();
        for (Path root : app.watched()) {
            if (!Files.exists(root)) continue;
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(Files::isRegularFile).forEach(f -> {
                    try {
                        out.put(f, Files.getLastModifiedTime(f).toMillis() * 31 + Files.size(f));
                    } catch (IOException gone) {
                        // deleted while walking: the next poll sees it
                    }
                });
            } catch (IOException | java.io.UncheckedIOException e) {
                // a directory vanished mid-walk (an editor's swap): the next poll retries
            }
        }
        return out;
    }

    private static List<String> changed(Map<Path, Long> before, Map<Path, Long> after) {
        List<String> names = new ArrayList<>();
        after.forEach((p, v) -> { if (!Objects.equals(before.get(p), v)) names.add("'" + p.getFileName() + "'"); });
        before.keySet().forEach(p -> { if (!after.containsKey(p)) names.add("'" + p.getFileName() + "'"); });
        return names;
    }

    @Override
    public synchronized void close() {
        closed = true;
        watcher.interrupt();
        stopRunning();
        if (compiler != null) compiler.close();
    }
}
