package dev.brisk.templates;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import gg.jte.TemplateException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Templates from a directory (development mode) through a real Brisk server: escaping, UTF-8, reload. */
class TemplatesTest {
    // one engine for the tests that share templates: each directory engine compiles with javac on first use
    private static final Templates TEST_TEMPLATES = Templates.directory(Path.of("src/test/jte"));

    @Test
    void escapesTextAndAttributesAndAnswersUtf8Html() {
        Templates templates = TEST_TEMPLATES;
        Brisk app = Brisk.create(new BriskConfig());
        // directory mode compiles a template on its first use: a worker route, so javac never runs on the loop
        app.get("/page", worker(req -> templates.response("page.jte", Map.of(
                "title", "Fish & <Chips>",
                "items", List.of("<script>alert(\"x\")</script>", "フレームワーク", "a\"b'c")))));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var res = client.get("/page").send().assertStatus(200).assertHeader("content-type", "text/html; charset=utf-8");
            String html = new String(res.bytes(), StandardCharsets.UTF_8);
            assertThat(html).contains("<title>Fish &amp; &lt;Chips&gt;</title>")
                    .contains("<li title=\"&lt;script>alert(&#34;x&#34;)&lt;/script>\">&lt;script&gt;alert(\"x\")&lt;/script&gt;</li>")
                    .contains("<li title=\"a&#34;b&#39;c\">a\"b'c</li>")
                    .contains("<li title=\"フレームワーク\">フレームワーク</li>")
                    .doesNotContain("<script>");
            assertThat(Integer.parseInt(res.header("content-length"))).isEqualTo(res.bytes().length);
        }
    }

    @Test
    void singleParameterModelAndUnknownTemplate() {
        Templates templates = TEST_TEMPLATES;
        assertThat(templates.render("hello.jte", "<b>Ann</b>")).isEqualTo("<p>Hello &lt;b&gt;Ann&lt;/b&gt;!</p>\n");
        assertThat(templates.hasTemplate("hello.jte")).isTrue();
        assertThat(templates.hasTemplate("nope.jte")).isFalse();
        assertThatThrownBy(() -> templates.render("nope.jte", "x")).isInstanceOf(TemplateException.class);
    }

    @Test
    void directoryTemplatesAreRecompiledWhenTheirFileChanges(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("greet.jte");
        Files.writeString(file, "@param String name\nHi ${name}");
        Templates templates = Templates.directory(dir);
        assertThat(templates.render("greet.jte", "Ann")).isEqualTo("Hi Ann");
        Files.writeString(file, "@param String name\nBye ${name}");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(templates.render("greet.jte", "Ann")).isEqualTo("Bye Ann");
    }

    @Test
    void aMissingDirectoryIsSaidAtStartUp() {
        assertThatThrownBy(() -> Templates.directory(Path.of("no/such/dir")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no template directory");
    }
}
