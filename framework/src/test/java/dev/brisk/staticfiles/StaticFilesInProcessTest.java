package dev.brisk.staticfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.StaticFiles;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files through the in-process test client: its in-VM channel cannot carry a zero-copy file region
 * (only a socket can), so the server sends the file in chunks there, whole and byte for byte.
 */
class StaticFilesInProcessTest {
    @TempDir
    Path dir;

    @Test
    void theInProcessClientGetsWholeFilesAndRanges() throws Exception {
        byte[] big = new byte[300_000];
        new Random(11).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        Files.writeString(dir.resolve("hello.txt"), "hello, files");
        Brisk app = Brisk.create(BriskTestClient.testConfig());
        app.mount("/static", StaticFiles.directory(dir));
        try (BriskTestClient client = BriskTestClient.inProcess(app)) {
            TestResponse r = client.get("/static/big.bin").timeout(Duration.ofSeconds(10)).send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-length")).isEqualTo("300000");
            assertThat(r.bytes()).isEqualTo(big);
            TestResponse part = client.get("/static/hello.txt").header("Range", "bytes=7-11")
                    .timeout(Duration.ofSeconds(10)).send();
            assertThat(part.status()).isEqualTo(206);
            assertThat(part.text()).isEqualTo("files");
        }
    }
}
