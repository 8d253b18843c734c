package dev.brisk.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brisk serve} on a user's project, not the launcher's own classes: a classes directory, a jar,
 * and a Maven project with {@code --reload}, options from BRISK_* variables and an {@code --env-file}.
 */
class ServeProjectTest {
    /** A user's app: answers its version and a setting read with dev.brisk.Settings. */
    static String app(String version) {
        return """
                package demo;

                import dev.brisk.*;
                import dev.brisk.annotation.Default;
                import java.util.Map;

                public final class Hello {
                    public record AppSettings(@Default("nobody") String greeting) {}

                    public static Brisk app(BriskConfig config) {
                        AppSettings settings = Settings.load(AppSettings.class, "APP_");
                        Brisk app = Brisk.create(config);
                        app.get("/", Handler.worker(req -> Map.of("version", "%s", "greeting", settings.greeting(),
                                "loader", Hello.class.getClassLoader().getName())));
                        return app;
                    }
                }
                """.formatted(version);
    }

    private static Path compile(Path dir, String source) throws Exception {
        Path src = dir.resolve("src/demo/Hello.java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(rc).isZero();
        return classes;
    }

    @Test
    void classesDirectoryWithOptionsFromTheEnvironmentAndAnEnvFile(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, app("1"));
        int port = ChildBrisk.freePort();
        Files.writeString(dir.resolve("prod.env"), "BRISK_LOOPS=1\nAPP_GREETING=\"from the env file\"\nBRISK_PORT=1\n");
        Map<String, String> env = Map.of("BRISK_PORT", String.valueOf(port), "BRISK_NO_ACCESS_LOG", "true",
                "BRISK_APP_DIR", classes.toString());
        try (ChildBrisk brisk = ChildBrisk.start(dir, env, "serve", "demo.Hello", "--env-file", "prod.env")) {
            brisk.awaitOutput("Brisk running on http://127.0.0.1:" + port, Duration.ofSeconds(30));
            var res = ChildBrisk.get("http://127.0.0.1:" + port + "/");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("\"greeting\":\"from the env file\"").contains("\"loader\":\"brisk-app\"");
            assertThat(brisk.output()).contains("1 event loop;")           // BRISK_LOOPS from the env file
                    .doesNotContain("GET / HTTP/1.1");                     // BRISK_NO_ACCESS_LOG from the environment
        }
    }

    @Test
    void aJarAndClearErrors(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, app("jar"));
        Path jar = dir.resolve("app.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(f));
                j.closeEntry();
            }
        }
        ClassLoader loader = ServeCommand.loader(AppClasspath.resolve(jar, false));
        Brisk app = ServeCommand.load("demo.Hello", new BriskConfig().port(0).accessLog(false), loader);
        app.start();
        try {
            assertThat(ChildBrisk.get(app.url() + "/").body()).contains("\"version\":\"jar\"");
        } finally {
            app.stop();
        }
        assertThatThrownBy(() -> AppClasspath.resolve(dir.resolve("nope"), false)).hasMessageContaining("no such directory or jar");
        assertThatThrownBy(() -> ServeCommand.load("demo.Nope", new BriskConfig(), loader))
                .hasMessage("no class demo.Nope on the classpath");
    }

    @Test
    void reloadRebuildsAndRestartsOnTheSamePortAfterAnEdit(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("project");
        Path source = project.resolve("src/main/java/demo/Hello.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, app("1"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        // the dependency list Maven would write; newer than pom.xml, so serve does not run mvn here
        Path deps = project.resolve(AppClasspath.DEPENDENCY_LIST);
        Files.createDirectories(deps.getParent());
        Files.writeString(deps, "");
        Files.setLastModifiedTime(project.resolve("pom.xml"), FileTime.from(Instant.now().minusSeconds(60)));
        int port = ChildBrisk.freePort();
        try (ChildBrisk brisk = ChildBrisk.start(dir, Map.of(), "serve", "demo.Hello", "--app-dir", project.toString(),
                "--reload", "--port", String.valueOf(port), "--no-access-log")) {
            brisk.awaitOutput("Brisk running on", Duration.ofSeconds(30));
            String url = "http://127.0.0.1:" + port + "/";
            assertThat(ChildBrisk.get(url).body()).contains("\"version\":\"1\"").contains("brisk-app-1");

            long t0 = System.nanoTime();
            Files.writeString(source, app("2"));
            String body = awaitBody(url, "\"version\":\"2\"");
            long reloadMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(body).contains("brisk-app-2");                    // a fresh class loader
            System.out.println("reload: edit to new answer on the same port in " + reloadMs + " ms");

            Files.writeString(source, app("3").replace("Map.of(", "Map.of(;"));     // a compile error
            brisk.awaitOutput("Compilation failed; still serving the previous version", Duration.ofSeconds(30));
            assertThat(brisk.output()).contains("Hello.java:");
            assertThat(ChildBrisk.get(url).body()).contains("\"version\":\"2\"");
            Files.writeString(source, app("4"));
            assertThat(awaitBody(url, "\"version\":\"4\"")).contains("brisk-app-3");
            assertThat(brisk.output()).contains("StatReload detected changes in ['Hello.java']. Reloading...");
            assertThat(reloadMs).as("edit-to-answer time (uvicorn's is about 1 s); generous for a loaded machine")
                    .isLessThan(15_000);
        }
    }

    private static String awaitBody(String url, String expected) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            try {
                last = ChildBrisk.get(url).body();
                if (last.contains(expected)) return last;
            } catch (java.io.IOException restarting) {
                last = restarting.toString();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("no " + expected + " at " + url + "; last: " + last);
    }

    @Test
    void everyOptionHasItsVariable() {
        assertThat(List.of("--port", "--no-access-log", "--block-threshold", "--app-dir").stream().map(EnvDefaults::variable))
                .containsExactly("BRISK_PORT", "BRISK_NO_ACCESS_LOG", "BRISK_BLOCK_THRESHOLD", "BRISK_APP_DIR");
    }
}
