package dev.brisk.examples.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.examples.bookstore.BookstoreApp;
import dev.brisk.examples.seed.SeedApp;
import dev.brisk.examples.seed.SeedOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Proof by an external validator: the documents the seed app and the bookstore serve at
 * {@code /openapi.json} pass {@code redocly lint} (Redocly CLI, the maintained OpenAPI 3.1 linter) with
 * zero errors, using src/test/js/redocly.yaml.
 */
class OpenApiValidatorTest {
    @TempDir
    Path tmp;

    @Test
    void seedAppDocumentHasNoErrors() throws Exception {
        lint(SeedApp.create(config(), SeedOptions.defaults()), "seed");
    }

    @Test
    void bookstoreDocumentHasNoErrors() throws Exception {
        lint(BookstoreApp.create(config()), "bookstore");
    }

    private static BriskConfig config() {
        return new BriskConfig().port(0).loops(1).accessLog(false);
    }

    private void lint(Brisk app, String name) throws Exception {
        Path tools = NodeTools.ensure(NodeTools.REDOCLY);
        Path doc = tmp.resolve(name + ".json");
        try (app) {
            app.start();
            HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(app.url() + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            Files.write(doc, r.body());
        }
        Path config = Path.of("src/test/js/redocly.yaml").toAbsolutePath();
        Path report = tmp.resolve(name + "-report.json");
        NodeTools.Result result = NodeTools.run(tmp, 300, "node",
                tools.resolve("node_modules/@redocly/cli/bin/cli.js").toString(), "lint", doc.toString(),
                "--config", config.toString(), "--format", "json");
        Files.writeString(report, result.output());
        String all = NodeTools.tail(result.all());
        assertThat(result.output()).as("redocly printed no JSON report:\n" + all).contains("\"totals\"");
        JsonNode json = JsonMapper.builder().build().readTree(result.output());
        assertThat(json.at("/totals/errors").asInt()).as("redocly lint errors for %s:\n%s", name, all).isZero();
        assertThat(result.exit()).as(all).isZero();
        assertThat(result.errors()).contains("validated in");
    }
}
