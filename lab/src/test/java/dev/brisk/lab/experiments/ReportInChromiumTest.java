package dev.brisk.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.brisk.lab.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a quick lab, opens its report in headless Chromium, and checks the browser sees the charts. */
class ReportInChromiumTest {
    @TempDir
    Path dir;

    @Test
    void theBrowserRendersASectionAndATimelinePerRunWithABarPerRequest() throws Exception {
        Optional<String> chromium = findChromium();
        assumeTrue(chromium.isPresent(), "chromium not installed (apt-get install -y chromium): skipping the headless render check");
        Path report = dir.resolve("lab-report.html");
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        int code;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true));
            // Brisk's two settings only (FastApiColumnTest checks the report with FastAPI's timelines)
            code = Main.run("lab", "--quick", "--no-fastapi", "--only", "E1,E5", "--report", report.toString());
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
        assertThat(code).isZero();

        Path png = dir.resolve("report.png");
        String dom = browser(chromium.get(), "--dump-dom", report);
        browser(chromium.get(), "--screenshot=" + png, report);

        assertThat(count(dom, "<section class=\"experiment\"")).isEqualTo(2);
        // E1: 4 runs of 10 requests; E5: 4 runs of 100 requests
        assertThat(count(dom, "<svg")).isEqualTo(8);
        assertThat(count(dom, "<rect class=\"req\"")).isEqualTo(4 * 10 + 4 * 100);
        assertThat(dom).contains("brisk-loop-").contains("waited for the sleeping request").contains("answered in wave 3");
        assertThat(Files.size(png)).as("screenshot").isGreaterThan(20_000);
    }

    private static String browser(String chromium, String action, Path report) throws Exception {
        Process p = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,2000",
                action, report.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Optional<String> findChromium() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of("chromium", "chromium-browser", "google-chrome")
                .flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, name)))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

}
