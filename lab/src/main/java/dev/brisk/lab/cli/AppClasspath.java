package dev.brisk.lab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What {@code ./brisk serve --app-dir PATH} loads the app from, like uvicorn's {@code --app-dir} adding
 * a directory to {@code sys.path}:
 * <ul>
 *   <li>a <b>Maven project</b> (a directory with {@code pom.xml}): its {@code target/classes} plus its
 *       runtime dependencies, listed once by {@code mvn dependency:build-classpath} into
 *       {@code target/brisk-classpath.txt} and listed again only when {@code pom.xml} changes; with
 *       {@code --reload} its sources are compiled by Brisk itself ({@link SourceCompiler}) instead;</li>
 *   <li>a <b>jar</b> (its manifest's {@code Class-Path} is honoured by the class loader);</li>
 *   <li>any other <b>directory</b>: a classes directory (an IDE's output, {@code javac -d}).</li>
 * </ul>
 *
 * @param classpath what the app's class loader reads (for a reloaded Maven project: without the
 *                  compiled classes, which each generation adds)
 * @param sources Java source roots Brisk compiles on reload (empty: nothing to compile)
 * @param watched what {@code --reload} watches
 */
record AppClasspath(List<Path> classpath, List<Path> sources, List<Path> watched, String description) {
    static final String DEPENDENCY_LIST = "target/brisk-classpath.txt";

    /** No --app-dir: only what the launcher itself carries. */
    static AppClasspath none() {
        return new AppClasspath(List.of(), List.of(), List.of(), "the launcher's classpath");
    }

    static AppClasspath resolve(Path path, boolean reload) {
        Path p = path.toAbsolutePath().normalize();
        if (Files.isRegularFile(p) && p.toString().endsWith(".jar")) {
            return new AppClasspath(List.of(p), List.of(), List.of(p), "jar " + p);
        }
        if (!Files.isDirectory(p)) throw new IllegalArgumentException("--app-dir " + path + ": no such directory or jar");
        if (!Files.isRegularFile(p.resolve("pom.xml"))) {
            return new AppClasspath(List.of(p), List.of(), List.of(p), "classes directory " + p);
        }
        Path src = p.resolve("src/main/java");
        Path res = p.resolve("src/main/resources");
        List<Path> cp = new ArrayList<>();
        List<Path> watched = new ArrayList<>(List.of(src));
        if (Files.isDirectory(res)) {
            cp.add(res);
            watched.add(res);
        }
        if (!reload) {
            if (needsBuild(p)) Maven.build(p, true);
            cp.add(0, p.resolve("target/classes"));
        } else if (stale(p.resolve(DEPENDENCY_LIST), Stream.of(p.resolve("pom.xml")))) {
            Maven.build(p, false);
        }
        cp.addAll(dependencies(p));
        return new AppClasspath(List.copyOf(cp), reload ? List.of(src) : List.of(), List.copyOf(watched), "Maven project " + p);
    }

    /** Whether a Maven project must be (re)built before serving it without --reload. */
    static boolean needsBuild(Path project) {
        Path list = project.resolve(DEPENDENCY_LIST);
        if (!Files.isDirectory(project.resolve("target/classes"))) return true;
        try (Stream<Path> sources = Files.walk(project.resolve("src/main"))) {
            return stale(list, Stream.concat(Stream.of(project.resolve("pom.xml")), sources));
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean stale(Path product, Stream<Path> inputs) {
        if (!Files.exists(product)) return true;
        FileTime made = mtime(product);
        return inputs.anyMatch(f -> mtime(f).compareTo(made) > 0);
    }

    private static FileTime mtime(Path f) {
        try {
            return Files.getLastModifiedTime(f);
        } catch (IOException e) {
            return FileTime.fromMillis(Long.MAX_VALUE);
        }
    }

    private static List<Path> dependencies(Path project) {
        try {
            String text = Files.readString(project.resolve(DEPENDENCY_LIST), StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) return List.of();
            return Stream.of(text.split(java.io.File.pathSeparator)).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + project.resolve(DEPENDENCY_LIST), e);
        }
    }
}
