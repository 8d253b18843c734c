package dev.brisk.lab.experiments;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One uvicorn process serving the FastAPI seed app. It never outlives the lab: {@link #close} ends it
 * (closing its stdin makes {@code lab_server.py} exit at once, even with its event loop blocked; a kill
 * follows if it does not), a shutdown hook does the same on Ctrl-C, and if the JVM dies outright the
 * closed pipe ends it all the same.
 */
final class FastApiServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("lab-fastapi port=(\\d+)");
    private static final Duration START = Duration.ofSeconds(60);

    private final Process process;
    private final OutputStream stdin;
    private final Thread hook;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private String url;

    private FastApiServer(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.hook = new Thread(this::kill, "brisk-lab-fastapi-stop");
    }

    static FastApiServer start(List<String> command, Path dir, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("PYTHONUNBUFFERED", "1");
        FastApiServer server;
        try {
            server = new FastApiServer(pb.start());
        } catch (IOException e) {
            throw new LabException("cannot start FastAPI (" + command.get(0) + "): " + e.getMessage());
        }
        Runtime.getRuntime().addShutdownHook(server.hook);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    String url() {
        return url;
    }

    private void awaitReady() {
        Thread reader = new Thread(this::drain, "brisk-lab-fastapi-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + START.toNanos();
        try {
            url = "http://127.0.0.1:" + port.get(START.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LabException("FastAPI did not start within " + START.toSeconds() + " s" + lastLines());
        } catch (ExecutionException e) {
            throw new LabException("FastAPI exited during start-up" + lastLines());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while FastAPI started");
        }
        // the port is bound before uvicorn imports the app and starts serving: wait until it answers
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new LabException("FastAPI exited during start-up" + lastLines());
            Sample s = Http.burst(url, List.of("/ping"), Duration.ofSeconds(2)).get(0);
            if (s.ok()) return;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while FastAPI started");
            }
        }
        throw new LabException("FastAPI at " + url + " did not answer /ping within " + START.toSeconds() + " s" + lastLines());
    }

    /** Keeps the last lines of the server's output (for errors) and keeps the pipe from filling up. */
    private void drain() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Matcher m = READY.matcher(line);
                if (!port.isDone() && m.find()) port.complete(Integer.parseInt(m.group(1)));
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 12) tail.removeFirst();
                }
            }
        } catch (IOException e) {
            // the process is gone; whatever it said is in the tail
        }
        port.completeExceptionally(new IllegalStateException("exited"));
    }

    private String lastLines() {
        synchronized (tail) {
            return tail.isEmpty() ? "" : ": " + String.join(" | ", tail);
        }
    }

    private void kill() {
        try {
            stdin.close(); // lab_server.py exits on end-of-file
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) anyway
        }
    }
}
