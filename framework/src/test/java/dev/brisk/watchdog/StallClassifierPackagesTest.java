package dev.brisk.watchdog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The watchdog tells the framework's frames from an application's by an exact package list; a package
 * added to or moved in the framework must be added there, or its frames would be blamed on routes.
 */
class StallClassifierPackagesTest {

    @Test
    void theListIsExactlyTheCompiledFrameworksPackages() throws Exception {
        Path classes = Path.of(Brisk.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> compiled = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().equals("module-info.class"))
                    .map(f -> classes.relativize(f.getParent()).toString().replace('/', '.'))
                    .filter(p -> p.startsWith("dev.brisk"))
                    .forEach(compiled::add);
        }
        assertThat(new TreeSet<>(StallClassifier.FRAMEWORK_PACKAGES)).isEqualTo(compiled);
        // an application under dev.brisk.* (the seed app in ./brisk's fat jar) is not framework code
        assertThat(StallClassifier.FRAMEWORK_PACKAGES).doesNotContain("dev.brisk.examples.seed", "dev.brisk.lab");
    }
}
