package dev.brisk.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/tutorial.md: every {@code java} block is a {@code // docs:begin NAME} region of the examples'
 * sources, quoted verbatim, so it compiles; and each chapter's app runs here (or in TutorialTest /
 * TestingChapterTest for the apps quoted from there) with the answers the tutorial states.
 */
class DocsTest {
    private static final Pattern REGION = Pattern.compile("// docs:begin (\\S+)\\n(.*?)\\n[ \\t]*// docs:end", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)\\n```", Pattern.DOTALL);

    static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docs"))) p = p.getParent();
        return p;
    }

    static Map<String, String> regions() throws Exception {
        Map<String, String> out = new HashMap<>();
        for (String dir : List.of("examples/src/main/java", "examples/src/test/java")) {
            try (Stream<Path> files = Files.walk(root().resolve(dir))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = REGION.matcher(Files.readString(f));
                    while (m.find()) out.put(m.group(1), dedent(m.group(2)));
                }
            }
        }
        return out;
    }

    static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : lines) out.add(l.isBlank() ? "" : l.substring(indent));
        return String.join("\n", out).strip();
    }

    @Test
    void everyJavaBlockOfTheTutorialIsTestedCode() throws Exception {
        Map<String, String> regions = regions();
        String tutorial = Files.readString(root().resolve("docs/tutorial.md"));
        Matcher m = JAVA_BLOCK.matcher(tutorial);
        int blocks = 0;
        List<String> quoted = new ArrayList<>();
        while (m.find()) {
            blocks++;
            String block = dedent(m.group(1));
            Optional<String> name = regions.entrySet().stream().filter(e -> e.getValue().equals(block)).map(Map.Entry::getKey).findFirst();
            assertThat(name).as("docs/tutorial.md block #%d is not a docs:begin region of the examples:\n%s", blocks, block).isPresent();
            quoted.add(name.get());
        }
        assertThat(quoted).containsExactlyInAnyOrder("first-steps", "path-and-query", "bodies", "dependencies", "security",
                "middleware", "cors", "lifespan", "background-tasks", "testing", "lanes", "settings");
    }

    @Test
    void firstSteps() {
        try (BriskTestClient c = BriskTestClient.start(FirstSteps.app(new BriskConfig()))) {
            c.get("/").send().assertStatus(200).assertBody("{\"message\":\"Hello World\"}");
        }
    }

    @Test
    void pathAndQueryParameters() {
        try (BriskTestClient c = BriskTestClient.start(PathAndQuery.app(new BriskConfig()))) {
            c.get("/items/5?q=somequery").send().assertStatus(200).assertJson("item_id", 5).assertJson("q", "somequery");
            c.get("/items/foo").send().assertStatus(422).assertJson("detail[0].type", "int_parsing")
                    .assertJson("detail[0].loc[0]", "path").assertJson("detail[0].input", "foo");
            c.get("/models/lenet").send().assertStatus(200).assertJson("model_name", "lenet").assertJson("lenet", true);
            c.get("/models/vgg").send().assertStatus(422).assertJson("detail[0].type", "enum");
            c.get("/search?q=fixed&tag=a&tag=b").send().assertStatus(200).assertJson("skip", 0).assertJson("limit", 10)
                    .assertJson("tags[1]", "b");
            c.get("/search?q=ab&limit=101").send().assertStatus(422).assertJson("detail[0].type", "string_too_short")
                    .assertJson("detail[1].type", "less_than_equal");
            c.get("/search").send().assertStatus(422).assertJson("detail[0].type", "missing").assertJson("detail[0].loc[1]", "q");
        }
    }

    @Test
    void requestBodies() {
        try (BriskTestClient c = BriskTestClient.start(Bodies.app(new BriskConfig()))) {
            c.put("/items/7?q=x").json(Map.of("name", "Foo", "price", 1.5, "tax", 0.1)).send().assertStatus(200)
                    .assertJson("item_id", 7).assertJson("item.name", "Foo").assertJson("item.tax", 0.1).assertJson("q", "x");
            c.post("/items/").body("{\"name\": \"Foo\"}", "application/json").send().assertStatus(422)
                    .assertJson("detail[0].type", "missing").assertJson("detail[0].loc[1]", "price");
        }
    }

    @Test
    void securityWithADependency() {
        try (BriskTestClient c = BriskTestClient.start(Security.app(new BriskConfig()))) {
            c.get("/users/me").send().assertStatus(401).assertJson("detail", "Not authenticated")
                    .assertHeader("www-authenticate", "Bearer");
            c.get("/users/me").header("Authorization", "Bearer nope").send().assertStatus(401);
            c.get("/users/me").header("Authorization", "Bearer alice-token").send().assertStatus(200)
                    .assertJson("username", "alice").assertJson("admin", true);
            c.get("/admin").header("Authorization", "bearer bob-token").send().assertStatus(403)
                    .assertJson("detail", "Not enough permissions");
            c.get("/admin").header("Authorization", "Bearer alice-token").send().assertStatus(200).assertJson("admin", "alice");
        }
    }

    @Test
    void lanes() {
        try (BriskTestClient c = BriskTestClient.start(Lanes.app(new BriskConfig().loops(1)))) {
            assertThat((String) c.get("/report").send().assertStatus(200).json("thread")).startsWith("brisk-vworker-");
            c.get("/later").send().assertStatus(200).assertJson("thread", "brisk-loop-1");
            c.get("/mixed").send().assertStatus(200).assertJson("row", "row").assertJson("thread", "brisk-loop-1");
            c.get("/ping").send().assertStatus(200).assertJson("pong", true);
            c.get("/controller/worker").send().assertStatus(200).assertJson("row", "row");
            c.get("/controller/loop").send().assertStatus(200).assertJson("thread", "brisk-loop-1");
            c.get("/controller/pinned").send().assertStatus(200).assertJson("ok", true);
        }
    }

    @Test
    void settingsForDeployment() {
        Deployment.AppSettings s = dev.brisk.Settings.load(Deployment.AppSettings.class, "APP_",
                Map.of("APP_PORT", "9000", "APP_DATABASE_URL", "postgresql://db/app"));
        assertThat(s.port()).isEqualTo(9000);
        assertThat(s.appName()).isEqualTo("Awesome API");
        try (BriskTestClient c = BriskTestClient.start(Deployment.app(new BriskConfig(), s))) {
            c.get("/info").send().assertStatus(200).assertJson("app_name", "Awesome API").assertJson("database", true);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.brisk.Settings.load(Deployment.AppSettings.class, "APP_",
                Map.of("APP_PORT", "http"))).hasMessageContaining("port\n  Input should be a valid integer");
    }
}
