package dev.brisk.examples.module;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The framework's module boundary, as a modular app sees it: the API packages are readable, the
 * internals ({@code dev.brisk.internal.dispatch}, {@code dev.brisk.internal.server}, {@code dev.brisk.internal.app}) are not.
 * Compiles two tiny modules against the framework and its dependencies on the module path.
 */
class ModuleBoundaryTest {
    @TempDir
    Path dir;

    private String compile(String importLine, String use) throws Exception {
        Path src = dir.resolve("src-" + Math.abs(importLine.hashCode()));
        Files.createDirectories(src.resolve("demo"));
        Files.writeString(src.resolve("module-info.java"), "module demo { requires dev.brisk; }");
        Files.writeString(src.resolve("demo/App.java"), "package demo;\n" + importLine + "\n"
                + "public class App { public static void main(String[] a) { " + use + " } }");
        // The framework and its dependencies; not the test jars and test classes (the framework's test-jar
        // would be a second module with the same packages).
        String modulePath = java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(e -> !e.endsWith("-tests.jar") && !e.contains("test-classes"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        StringWriter out = new StringWriter();
        boolean ok = ToolProvider.getSystemJavaCompiler().getTask(out, null, null,
                List.of("--release", "21", "--module-path", modulePath, "-d", dir.resolve("out").toString()), null,
                ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null)
                        .getJavaFileObjects(src.resolve("module-info.java"), src.resolve("demo/App.java"))).call();
        return ok ? "" : out.toString();
    }

    @Test
    void apiPackagesAreExported() throws Exception {
        assertThat(compile("import dev.brisk.Brisk; import static dev.brisk.Handler.loopSafe;",
                "Brisk app = Brisk.create(); app.get(\"/\", loopSafe(req -> \"hi\"));")).isEmpty();
    }

    @Test
    void internalsAreNotReachable() throws Exception {
        String errors = compile("import dev.brisk.internal.dispatch.Dispatcher;", "Object o = Dispatcher.class;");
        assertThat(errors).contains("package dev.brisk.internal.dispatch").contains("not visible");
        assertThat(compile("import dev.brisk.internal.server.HttpServer;", "Object o = HttpServer.class;"))
                .contains("package dev.brisk.internal.server").contains("not visible");
    }
}
