package dev.brisk.examples.openapi;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Node.js tools for the OpenAPI proofs, installed with npm into a cache directory that outlives
 * {@code target/} ({@code $BRISK_TOOLS_CACHE}, default {@code ~/.cache/brisk-openapi-tools}), pinned to
 * exact versions. When node or npm is missing, or the install fails, the calling test is skipped with
 * the reason (a JUnit assumption), never silently.
 */
final class NodeTools {
    static final String REDOCLY = "@redocly/cli@2.77.0";
    static final String PLAYWRIGHT = "playwright-core@1.65.1";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private NodeTools() {}

    static Path cacheDir() {
        String env = System.getenv("BRISK_TOOLS_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "brisk-openapi-tools");
    }

    /** Makes sure {@code spec} ({@code name@version}) is installed in the cache; skips the test if it cannot be. */
    static synchronized Path ensure(String spec) {
        Path dir = cacheDir();
        String name = spec.substring(0, spec.lastIndexOf('@'));
        String version = spec.substring(spec.lastIndexOf('@') + 1);
        Path pkg = dir.resolve("node_modules").resolve(name).resolve("package.json");
        if (installed(pkg, version)) return dir;
        if (which("node") == null || which("npm") == null) {
            abort("node/npm not found on PATH: cannot install " + spec + " (apt-get install -y nodejs npm)");
        }
        try {
            Files.createDirectories(dir);
            Result r = run(dir, 600, "npm", "install", "--no-audit", "--no-fund", "--prefix", dir.toString(), spec);
            if (r.exit != 0 || !installed(pkg, version)) {
                abort("npm install " + spec + " failed (exit " + r.exit + "):\n" + tail(r.all()));
            }
        } catch (IOException e) {
            abort("npm install " + spec + " failed: " + e);
        }
        return dir;
    }

    private static boolean installed(Path packageJson, String version) {
        try {
            return Files.exists(packageJson)
                    && Files.readString(packageJson).contains("\"version\": \"" + version + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    static Path which(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** The outcome of a command: exit status, stdout, stderr. */
    record Result(int exit, String output, String errors) {
        String all() {
            return output + (errors.isEmpty() ? "" : "\n[stderr]\n" + errors);
        }
    }

    /** Runs {@code command} in {@code dir}, killing it after {@code timeoutSeconds}. */
    static Result run(Path dir, int timeoutSeconds, String... command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Path out = Files.createTempFile("brisk-node", ".out");
        Path err = Files.createTempFile("brisk-node", ".err");
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            boolean done = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!done) p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            String errors = Files.readString(err, StandardCharsets.UTF_8);
            return new Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    done ? errors : "timed out after " + timeoutSeconds + " s\n" + errors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
