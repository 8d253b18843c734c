package dev.brisk.lab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.lang.model.SourceVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./brisk new DIR}: a project that depends on Brisk through {@code brisk-bom}, with an app like
 * FastAPI's "first steps", a {@code BriskTestClient} test, uvicorn-style logging, a fat jar, and a README
 * with its two commands. Written from templates in the jar (lab/src/main/resources/starter) rather than
 * a Maven archetype: no archetype catalog to resolve, and the README can name this very launcher.
 */
@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Create a Brisk project in DIR (a Maven build depending on Brisk through its BOM).")
public final class NewCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "The new project's directory (must not exist or be empty).")
    Path dir;

    @Option(names = "--package", defaultValue = "com.example.app", description = "Java package (default: ${DEFAULT-VALUE}).")
    String pkg;

    @Option(names = "--group-id", description = "Maven groupId (default: the package).")
    String groupId;

    @Option(names = "--artifact-id", description = "Maven artifactId (default: DIR's name).")
    String artifactId;

    @Override
    public Integer call() throws IOException {
        if (!SourceVersion.isName(pkg)) throw new IllegalArgumentException("--package " + pkg + " is not a Java package name");
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && (!Files.isDirectory(target) || Files.list(target).findAny().isPresent())) {
            throw new IllegalArgumentException(dir + " exists and is not empty");
        }
        String artifact = artifactId != null ? artifactId : target.getFileName().toString();
        if (!artifact.matches("[A-Za-z0-9_.-]+")) throw new IllegalArgumentException("--artifact-id " + artifact + ": use letters, digits, . _ -");
        String pkgPath = pkg.replace('.', '/');
        Map<String, String> vars = Map.of(
                "package", pkg,
                "packagePath", pkgPath,
                "groupId", groupId != null ? groupId : pkg,
                "artifactId", artifact,
                "briskVersion", briskVersion(),
                "brisk", System.getenv().getOrDefault("BRISK_LAUNCHER", "brisk"));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", "pom.xml.tmpl");
        files.put("README.md", "README.md.tmpl");
        files.put(".gitignore", "gitignore.tmpl");
        files.put("src/main/java/" + pkgPath + "/Main.java", "Main.java.tmpl");
        files.put("src/main/resources/logback.xml", "logback.xml.tmpl");
        files.put("src/test/java/" + pkgPath + "/MainTest.java", "MainTest.java.tmpl");
        files.put("src/test/resources/logback-test.xml", "logback-test.xml.tmpl");
        for (var f : files.entrySet()) {
            Path out = target.resolve(f.getKey());
            Files.createDirectories(out.getParent());
            Files.writeString(out, fill(template(f.getValue()), vars));
        }
        System.out.println("Created " + target + " (" + pkg + ".Main). Next:");
        System.out.println("  cd " + dir);
        System.out.println("  mvn verify");
        System.out.println("  " + vars.get("brisk") + " serve " + pkg + ".Main --app-dir . --reload");
        return 0;
    }

    static String fill(String text, Map<String, String> vars) {
        String out = text;
        for (var v : vars.entrySet()) out = out.replace("{{" + v.getKey() + "}}", v.getValue());
        return out;
    }

    private static String template(String name) {
        try (InputStream in = NewCommand.class.getResourceAsStream("/starter/" + name)) {
            if (in == null) throw new IllegalStateException("starter template " + name + " missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Brisk version this launcher was built as: the generated project depends on exactly it. */
    static String briskVersion() {
        Properties p = new Properties();
        try (InputStream in = NewCommand.class.getResourceAsStream("/dev/brisk/lab/starter/brisk.properties")) {
            p.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("brisk.properties missing from the launcher", e);
        }
        return p.getProperty("version");
    }
}
