package dev.brisk.lab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the user's Maven for what only Maven knows: the dependency list (and, without --reload, the
 * compile). Brisk does not resolve POMs itself: the project's own repositories, mirrors and settings
 * then apply, exactly as for {@code mvn verify}.
 */
final class Maven {
    private static final Logger log = LoggerFactory.getLogger("brisk.serve");
    /** Pinned so that serve does not depend on the project's plugin prefixes resolving. */
    static final String DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1";

    private Maven() {}

    static void build(Path project, boolean compile) {
        List<String> cmd = new ArrayList<>(List.of(System.getenv().getOrDefault("BRISK_MVN", "mvn"), "-q", "-B",
                "-Dstyle.color=never", "-DskipTests"));
        if (compile) cmd.add("compile");
        cmd.addAll(List.of(DEPENDENCY_PLUGIN + ":build-classpath",
                "-Dmdep.outputFile=" + project.resolve(AppClasspath.DEPENDENCY_LIST),
                "-Dmdep.includeScope=runtime"));
        log.info("{} {} with Maven...", compile ? "Building" : "Listing the dependencies of", project);
        Path out = null;
        try {
            out = Files.createTempFile("brisk-mvn", ".log");
            Process p = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new IllegalArgumentException("mvn failed in " + project + " (" + String.join(" ", cmd) + "):\n"
                        + Files.readString(out, StandardCharsets.UTF_8).strip());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot run mvn for " + project + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running mvn", e);
        } finally {
            if (out != null) out.toFile().delete();
        }
    }
}
