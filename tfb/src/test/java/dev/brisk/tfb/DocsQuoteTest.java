package dev.brisk.tfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/database.md quotes TfbApp's routes and fortunes.jte verbatim (the code the other tests run). */
class DocsQuoteTest {
    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
        return p;
    }

    @Test
    void docsQuoteTheRunningCode() throws Exception {
        Path root = root();
        String doc = Files.readString(root.resolve("docs/database.md"));
        String app = Files.readString(root.resolve("tfb/src/main/java/dev/brisk/tfb/TfbApp.java"));
        int quoted = 0;
        for (String part : app.split("// docs:begin")) {
            if (!part.contains("// docs:end")) continue;
            String body = part.substring(part.indexOf('\n') + 1, part.indexOf("// docs:end"));
            for (String line : body.split("\n")) {
                if (line.isBlank()) continue;
                assertThat(doc).as("docs/database.md quotes TfbApp").contains(line.strip());
                quoted++;
            }
        }
        assertThat(quoted).isGreaterThanOrEqualTo(9);
        String template = Files.readString(root.resolve("tfb/src/main/jte/fortunes.jte"));
        for (String line : template.split("\n")) {
            if (line.startsWith("@")) assertThat(doc).contains(line);
        }
        assertThat(template).contains("@for(Fortune f : fortunes)<tr><td>${f.id()}</td><td>${f.message()}</td></tr>@endfor");
        assertThat(doc).contains("@for(Fortune f : fortunes)<tr><td>${f.id()}</td><td>${f.message()}</td></tr>@endfor");
    }
}
