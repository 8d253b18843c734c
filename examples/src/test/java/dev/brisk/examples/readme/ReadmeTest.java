package dev.brisk.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's example compiles (it is ReadmeApp), runs, and is quoted verbatim by the README. */
class ReadmeTest {
    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
        return p;
    }

    @Test
    void readmeQuotesTheExampleVerbatim() throws Exception {
        Path root = root();
        String source = Files.readString(root.resolve("examples/src/main/java/dev/brisk/examples/readme/ReadmeApp.java"));
        String snippet = source.substring(source.indexOf("// README:begin") + "// README:begin".length(),
                source.indexOf("    // README:end"));
        String readme = Files.readString(root.resolve("README.md"));
        List<String> lines = Arrays.stream(snippet.split("\n")).filter(l -> !l.isBlank()).map(l -> l.substring(Math.min(4, l.length()))).toList();
        for (String line : lines) {
            assertThat(readme).as("README quotes ReadmeApp").contains(line);
        }
    }

    @Test
    void theExampleRuns() {
        try (BriskTestClient client = BriskTestClient.start(ReadmeApp.app(new BriskConfig().loops(1)))) {
            assertThat((String) client.get("/sync").send().assertStatus(200).json("thread")).startsWith("brisk-vworker-");
            client.get("/async").send().assertStatus(200).assertJson("thread", "brisk-loop-1");
            client.get("/fib").send().assertStatus(200).assertJson("fib", 832040);
            client.get("/proxy").send().assertStatus(200).assertBody("\"{\\\"pong\\\":true}\"");
            client.get("/items/3?q=x").send().assertStatus(200)
                    .assertJson("item_id", 3).assertJson("q", "x").assertJson("limit", 10);
            client.get("/items/0?limit=500").send().assertStatus(422)
                    .assertJson("detail[0].type", "greater_than_equal").assertJson("detail[0].loc[1]", "item_id")
                    .assertJson("detail[1].type", "less_than_equal").assertJson("detail[1].ctx.le", 100);
            client.get("/openapi.json").send().assertStatus(200).assertJson("openapi", "3.1.0");
        }
    }
}
