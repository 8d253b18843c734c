package dev.brisk.examples.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.examples.seed.SeedApp;
import dev.brisk.examples.seed.SeedOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed app's {@code /openapi.json}, compared with the committed snapshot
 * {@code src/test/resources/openapi/seed-openapi.json} (pretty-printed, same key order as served).
 * After an intended change to the document, regenerate the snapshot and review its diff:
 * <pre>
 * mvn -pl examples -am test -Dtest=SeedOpenApiSnapshotTest -Dsurefire.failIfNoSpecifiedTests=false -Dbrisk.updateSnapshots=true
 * </pre>
 */
class SeedOpenApiSnapshotTest {
    private static final Path SNAPSHOT = Path.of("src/test/resources/openapi/seed-openapi.json");

    @Test
    void seedDocumentMatchesSnapshot() throws Exception {
        String actual;
        try (Brisk app = SeedApp.create(new BriskConfig().port(0).loops(1).accessLog(false), SeedOptions.defaults())) {
            app.start();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(app.url() + "/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            JsonMapper json = JsonMapper.builder().build();
            actual = json.writerWithDefaultPrettyPrinter().writeValueAsString(json.readTree(r.body())) + "\n";
        }
        if (Boolean.getBoolean("brisk.updateSnapshots")) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, actual, StandardCharsets.UTF_8);
        }
        assertThat(SNAPSHOT).as("snapshot missing: run with -Dbrisk.updateSnapshots=true").exists();
        assertThat(actual).as("seed /openapi.json differs from %s; if intended, rerun with "
                + "-Dbrisk.updateSnapshots=true and review the diff", SNAPSHOT)
                .isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }
}
