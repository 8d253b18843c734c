package dev.brisk.lab.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a project's sources for {@code --reload} with the JDK's own compiler, in the launcher's JVM:
 * a warm in-process javac takes well under a second for a small project where a fresh {@code mvn
 * compile} takes several (Maven's own start-up), which is what makes uvicorn's ~1 s reload reachable.
 * Each build goes to a fresh directory so the running generation's classes are never overwritten while
 * its class loader may still read them. Annotation processors are not run (as with javac's default on
 * JDK 23+); a project that needs them can reload from a classes directory its IDE or {@code mvn} builds.
 */
final class SourceCompiler implements AutoCloseable {
    private final List<Path> roots;
    private final String classpath;
    private final Path outputs;
    private int generation;

    SourceCompiler(List<Path> roots, List<Path> appClasspath) {
        this.roots = roots;
        List<String> cp = new ArrayList<>();
        cp.add(System.getProperty("java.class.path"));     // Brisk itself (javac follows Class-Path manifests)
        for (Path p : appClasspath) cp.add(p.toString());
        this.classpath = String.join(File.pathSeparator, cp);
        try {
            this.outputs = Files.createTempDirectory("brisk-reload");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles every source into a new directory and returns it; a compile error throws with javac's messages. */
    Path compile() {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) throw new IllegalStateException("--reload needs a JDK (javax.tools), not a JRE");
        Path out = outputs.resolve("gen-" + (++generation));
        List<File> files = new ArrayList<>();
        try {
            Files.createDirectories(out);
            for (Path root : roots) {
                if (!Files.isDirectory(root)) continue;
                try (Stream<Path> s = Files.walk(root)) {
                    s.filter(f -> f.toString().endsWith(".java")).forEach(f -> files.add(f.toFile()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) throw new IllegalArgumentException("no .java files under " + roots);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", out.toString(), "-cp", classpath, "-parameters", "-proc:none",
                    "-encoding", "UTF-8", "-nowarn");
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
            if (!ok) {
                delete(out);
                throw new CompileException(describe(diagnostics));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
        StringBuilder b = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            String file = d.getSource() == null ? "" : Path.of(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ";
            b.append(file).append("error: ").append(d.getMessage(Locale.ROOT)).append('\n');
        }
        return b.toString().strip();
    }

    /** Removes an older generation's classes once its class loader is closed. */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    @Override
    public void close() {
        delete(outputs);
    }

    /** javac rejected the sources; the message is its errors, one per line. */
    static final class CompileException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CompileException(String message) {
            super(message);
        }
    }
}
