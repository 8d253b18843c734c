package dev.brisk.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/static-files-and-http2.md quotes StaticSiteApp verbatim, and the app serves what the page says. */
class StaticSiteAppTest {
    @TempDir
    Path site;

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
        return p;
    }

    @Test
    void theDocQuotesTheExampleVerbatim() throws Exception {
        String source = Files.readString(root().resolve("examples/src/main/java/dev/brisk/examples/docs/StaticSiteApp.java"));
        String snippet = source.substring(source.indexOf("// DOC:begin") + "// DOC:begin".length(), source.indexOf("    // DOC:end"));
        String doc = Files.readString(root().resolve("docs/static-files-and-http2.md"));
        for (String line : Arrays.stream(snippet.split("\n")).filter(l -> !l.isBlank()).map(l -> l.substring(4)).toList()) {
            assertThat(doc).as("the doc quotes StaticSiteApp").contains(line);
        }
    }

    @Test
    void theExampleServesFilesOverHttp1AndHttp2() throws Exception {
        Files.createDirectories(site.resolve("static"));
        Files.writeString(site.resolve("index.html"), "<h1>home</h1>");
        Files.writeString(site.resolve("404.html"), "<h1>lost</h1>");
        Files.writeString(site.resolve("static/app.css"), "h1 { color: teal }");
        Brisk app = StaticSiteApp.create(new BriskConfig().port(0).loops(1).accessLog(false), site).start();
        try {
            for (HttpClient.Version v : HttpClient.Version.values()) {
                HttpClient client = HttpClient.newBuilder().version(v).build();
                HttpResponse<String> home = client.send(HttpRequest.newBuilder(URI.create(app.url() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(home.version()).isEqualTo(v);
                assertThat(home.body()).isEqualTo("<h1>home</h1>");
                HttpResponse<String> css = client.send(HttpRequest.newBuilder(URI.create(app.url() + "/static/app.css")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(css.body()).isEqualTo("h1 { color: teal }");
                assertThat(css.headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
                assertThat(css.headers().firstValue("cache-control")).hasValue("public, max-age=3600");
                String etag = css.headers().firstValue("etag").orElseThrow();
                assertThat(client.send(HttpRequest.newBuilder(URI.create(app.url() + "/static/app.css"))
                        .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(304);
                assertThat(client.send(HttpRequest.newBuilder(URI.create(app.url() + "/api/hello")).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"message\":\"hello\"}");
                HttpResponse<String> lost = client.send(HttpRequest.newBuilder(URI.create(app.url() + "/nowhere")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(lost.statusCode()).isEqualTo(404);
                assertThat(lost.body()).isEqualTo("<h1>lost</h1>");
            }
        } finally {
            app.stop();
        }
    }
}
