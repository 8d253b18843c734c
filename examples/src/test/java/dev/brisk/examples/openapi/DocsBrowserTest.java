package dev.brisk.examples.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.examples.bookstore.BookstoreApp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proof in a real browser: headless Chromium (Debian's {@code chromium}) driven by playwright-core
 * opens {@code /docs}, expands {@code GET /books/{book_id}}, uses Try it out / Execute against the live
 * server and sees the 200 response; then checks {@code /redoc} lists the operations. Assets must all
 * come from the app (no CDN). Skipped, with the reason, where Chromium or npm is unavailable.
 */
class DocsBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void swaggerUiExecutesARequestAndRedocListsOperations() throws Exception {
        assumeTrue(Files.isExecutable(NodeTools.CHROMIUM),
                "Chromium not installed at " + NodeTools.CHROMIUM + " (apt-get install -y chromium): browser test skipped");
        Path tools = NodeTools.ensure(NodeTools.PLAYWRIGHT);
        Path script = Path.of("src/test/js/docs-browser.js").toAbsolutePath();
        try (Brisk app = BookstoreApp.create(new BriskConfig().port(0).loops(1).accessLog(false))) {
            app.start();
            NodeTools.Result r = NodeTools.run(tmp, 180, "node", script.toString(), tools.toString(), app.url(),
                    tmp.resolve("chromium-profile").toString());
            String all = NodeTools.tail(r.all());
            assertThat(r.exit()).as(all).isZero();
            assertThat(r.output()).as(all).contains("docs: response 200", "redoc:", "OK");
        }
    }
}
