package dev.brisk.lab.experiments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The Python side of the lab: a Python 3 that can import FastAPI and uvicorn, and the bundled FastAPI
 * seed app ({@code benchmarks/fastapi/app.py}, copied into the jar) unpacked into a temporary directory,
 * from which {@link #start} runs one uvicorn server per experiment. Closing deletes the directory.
 *
 * <p>Debian's {@code /usr/bin/python3} comes first: it is the one that sees the python3-fastapi packages
 * (a pyenv or venv python earlier on the PATH usually does not). {@code --python} or {@code BRISK_PYTHON}
 * names another.
 */
final class FastApi implements AutoCloseable {
    static final String INSTALL = "apt-get install python3-fastapi python3-uvicorn python3-uvloop python3-httptools python3-httpx";
    private static final String[] FILES = {"app.py", "database.py", "lab_server.py", "client_pools.py"};
    private static final String PROBE = "import fastapi, uvicorn, httpx, importlib.util as u, sys; "
            + "print('FastAPI %s, uvicorn %s + %s + %s, 1 worker, Python %d.%d' % (fastapi.__version__, uvicorn.__version__, "
            + "'uvloop' if u.find_spec('uvloop') else 'asyncio', 'httptools' if u.find_spec('httptools') else 'h11', "
            + "*sys.version_info[:2]))";

    private final String python;
    private final String describe;
    private final Path dir;
    private final Thread cleanup = new Thread(this::delete, "brisk-lab-fastapi-cleanup");

    private FastApi(String python, String describe, Path dir) {
        this.python = python;
        this.describe = describe;
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(cleanup); // Ctrl-C mid-run: no unpacked app left in /tmp
    }

    /** What {@link #find} found: a usable FastAPI, or the one-line reason there is none. */
    record Found(FastApi fastapi, String missing) {}

    /**
     * Looks for a Python with FastAPI and uvicorn.
     *
     * @param python the executable to use ({@code --python} or {@code BRISK_PYTHON}), or {@code null} to look for one
     */
    static Found find(String python) {
        String exe = python != null ? python : Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : onPath("python3");
        if (exe == null) return new Found(null, "no python3 found (looked at /usr/bin/python3 and the PATH)");
        if (exe.contains("/") && !Files.isExecutable(Path.of(exe))) return new Found(null, "no Python at " + exe);
        String out;
        try {
            Process p = new ProcessBuilder(exe, "-c", PROBE).redirectErrorStream(true).start();
            p.getOutputStream().close();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Found(null, exe + " did not answer within 60 s");
            }
            if (p.exitValue() != 0) {
                String last = out.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue());
                return new Found(null, exe + " cannot import FastAPI and uvicorn (" + last + ")");
            }
        } catch (IOException e) {
            return new Found(null, "cannot run " + exe + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Found(null, "interrupted while checking " + exe);
        }
        try {
            return new Found(new FastApi(exe, out.lines().reduce((a, b) -> b).orElse(out), unpack()), null);
        } catch (IOException e) {
            return new Found(null, "cannot unpack the FastAPI app (" + e.getMessage() + ")");
        }
    }

    /** e.g. {@code FastAPI 0.92.0, uvicorn 0.17.6 + uvloop + httptools, 1 worker, Python 3.11}. */
    String describe() {
        return describe;
    }

    String python() {
        return python;
    }

    /** Starts the app under uvicorn on a free port with these environment variables (SEED_*), ready to serve. */
    FastApiServer start(Map<String, String> env) {
        return FastApiServer.start(List.of(python, dir.resolve("lab_server.py").toString()), dir, env);
    }

    /**
     * Empty if this Python can import every module (E6's drivers: {@code psycopg}, {@code asyncpg}), else one
     * line on what failed; the app imports them only when given a database, so the other experiments run without.
     */
    Optional<String> cannotImport(String... modules) {
        String code = "import " + String.join(", ", modules);
        try {
            Process p = new ProcessBuilder(python, "-c", code).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(python + " did not answer within 60 s");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(python + " cannot " + code + " (" + out.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue()) + ")");
        } catch (IOException e) {
            return Optional.of("cannot run " + python + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while checking " + python);
        }
    }

    /**
     * Runs one of the bundled Python scripts to the end (E4's client sweep) and returns its output lines;
     * killed if it takes longer than {@code limit}.
     */
    List<String> run(String script, List<String> args, java.time.Duration limit) {
        List<String> command = new java.util.ArrayList<>(List.of(python, dir.resolve(script).toString()));
        command.addAll(args);
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LabException("cannot run " + python + " " + script + ": " + e.getMessage());
        }
        try {
            p.getOutputStream().close();
            java.util.concurrent.CompletableFuture<String> out = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    return "";
                }
            });
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LabException(script + " did not finish within " + limit.toSeconds() + " s");
            }
            String text = out.get(5, TimeUnit.SECONDS);
            if (p.exitValue() != 0) {
                throw new LabException(script + " failed: " + text.lines().reduce((a, b) -> b).orElse("exit " + p.exitValue()));
            }
            return text.lines().toList();
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new LabException(script + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while " + script + " ran");
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    @Override
    public void close() {
        delete();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
    }

    private void delete() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static Path unpack() throws IOException {
        Path dir = Files.createTempDirectory("brisk-lab-fastapi");
        for (String name : FILES) {
            try (InputStream in = FastApi.class.getResourceAsStream("/dev/brisk/lab/fastapi/" + name)) {
                if (in == null) throw new IOException(name + " is missing from the lab's jar (rebuild: mvn -pl lab -am package)");
                Files.copy(in, dir.resolve(name));
            }
        }
        return dir;
    }

    private static String onPath(String name) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) return Path.of(d, name).toString();
        }
        return null;
    }
}
