package dev.brisk.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.lab.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * {@code ./brisk new}: the files, their placeholders filled, the BOM's versions equal to the build's.
 * Building the generated project for real (mvn verify from a fresh repository) is .ci/starter's job.
 */
class NewCommandTest {
    @Test
    void writesAProjectOnTheBom(@TempDir Path dir) throws Exception {
        Path project = dir.resolve("shop");
        assertThat(Main.run(Map.of(), "new", project.toString(), "--package", "org.acme.shop")).isZero();
        try (Stream<Path> files = Files.walk(project)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> project.relativize(p).toString()).sorted().toList())
                    .containsExactly(".gitignore", "README.md", "pom.xml", "src/main/java/org/acme/shop/Main.java",
                            "src/main/resources/logback.xml", "src/test/java/org/acme/shop/MainTest.java",
                            "src/test/resources/logback-test.xml");
        }
        String pom = Files.readString(project.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>brisk-bom</artifactId>").contains("<brisk.version>" + NewCommand.briskVersion() + "<")
                .contains("<artifactId>shop</artifactId>").contains("<main.class>org.acme.shop.Main</main.class>")
                .contains("select-jdk-toolchain").contains("<parameters>true</parameters>");
        assertThat(Files.readString(project.resolve("src/main/java/org/acme/shop/Main.java"))).startsWith("package org.acme.shop;");
        assertThat(Files.readString(project.resolve("README.md"))).contains("serve org.acme.shop.Main --app-dir . --reload");
        try (Stream<Path> files = Files.walk(project)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) assertThat(Files.readString(f)).doesNotContain("{{");
        }
        assertThat(Main.run(Map.of(), "new", project.toString())).as("refuses a non-empty directory").isEqualTo(1);
        assertThat(Main.run(Map.of(), "new", dir.resolve("x").toString(), "--package", "org.class")).isEqualTo(1);
    }

    /** brisk-bom has no parent (so users don't inherit build-only management); its versions must not drift. */
    @Test
    void theBomPinsTheVersionsBriskIsBuiltWith() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("bom/pom.xml"))) root = root.getParent();
        Map<String, String> parent = properties(root.resolve("pom.xml"));
        Map<String, String> bom = properties(root.resolve("bom/pom.xml"));
        assertThat(bom).isNotEmpty();
        bom.forEach((k, v) -> assertThat(v).as(k).isEqualTo(parent.get(k)));
        assertThat(version(root.resolve("bom/pom.xml"))).isEqualTo(version(root.resolve("pom.xml")));
        assertThat(Files.readString(root.resolve("pom.xml"))).contains("<module>bom</module>");
    }

    private static Map<String, String> properties(Path pom) throws Exception {
        Element props = (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getElementsByTagName("properties").item(0);
        Map<String, String> out = new java.util.HashMap<>();
        for (var n = props.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().endsWith(".version")) out.put(e.getTagName(), e.getTextContent());
        }
        return out;
    }

    private static String version(Path pom) throws Exception {
        Matcher m = Pattern.compile("</artifactId>\\s*<version>([^<]+)</version>").matcher(Files.readString(pom));
        List<String> found = m.results().map(r -> r.group(1)).toList();
        return found.get(0);
    }
}
