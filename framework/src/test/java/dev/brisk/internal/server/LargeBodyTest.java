package dev.brisk.internal.server;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.brisk.Brisk;
import dev.brisk.annotation.Form;
import dev.brisk.annotation.Post;
import dev.brisk.params.UploadFile;
import dev.brisk.testing.BriskTestClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Bodies above the spill threshold go to a temporary file while they arrive, and the file goes after. */
class LargeBodyTest {
    static final Set<String> seenDuringRequest = new java.util.concurrent.ConcurrentSkipListSet<>();

    static Set<String> spillFiles() {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("brisk-body-")).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class Uploads {
        @Post("/upload")
        public Map<String, Object> upload(@Form UploadFile file, @Form String note) throws IOException {
            seenDuringRequest.addAll(spillFiles());
            byte[] all = file.bytes();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("size", file.size());
            out.put("note", note);
            out.put("first", all[0]);
            out.put("last", all[all.length - 1]);
            out.put("sum", Arrays.hashCode(all));
            out.put("stream_bytes", file.open().readAllBytes().length);
            return out;
        }
    }

    @Test
    void aLargeUploadIsSpooledToAFileThatIsDeletedAfterTheResponse() {
        seenDuringRequest.clear();
        Set<String> before = spillFiles();
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31 + 7);
        Brisk app = Brisk.create(BriskTestClient.testConfig().spillThreshold(16 * 1024)).include(new Uploads());
        app.post("/raw", worker(req -> Map.of("length", req.bodyLength(), "heap_copy", req.body().length,
                "mapped", req.bodyBuffer().isDirect())));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.post("/upload").file("file", "big.bin", "application/octet-stream", content).field("note", "hello")
                    .send().assertStatus(200).assertJson("size", 300_000).assertJson("note", "hello")
                    .assertJson("first", (int) content[0]).assertJson("last", (int) content[content.length - 1])
                    .assertJson("sum", Arrays.hashCode(content)).assertJson("stream_bytes", 300_000);
            Set<String> during = new java.util.HashSet<>(seenDuringRequest);
            during.removeAll(before);
            assertThat(during).as("a temporary file held the body during the request").isNotEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> spillFiles().stream().noneMatch(during::contains));

            client.post("/raw").body(content, "application/octet-stream").send().assertStatus(200)
                    .assertJson("length", 300_000).assertJson("heap_copy", 300_000).assertJson("mapped", true);
            client.post("/raw").body("small", "text/plain").send().assertStatus(200)
                    .assertJson("length", 5).assertJson("mapped", false);
        }
    }

    @Test
    void anUploadCutOffMidwayLeavesNoFileBehind() throws Exception {
        Set<String> before = spillFiles();
        Brisk app = Brisk.create(BriskTestClient.testConfig().spillThreshold(1024));
        app.post("/raw", worker(req -> "never"));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            try (Socket s = new Socket("127.0.0.1", app.port())) {
                OutputStream out = s.getOutputStream();
                out.write(("POST /raw HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[20_000]);
                out.flush();
                await().atMost(Duration.ofSeconds(5)).until(() -> !Sets.difference(spillFiles(), before).isEmpty());
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> Sets.difference(spillFiles(), before).isEmpty());
        }
    }

    private static final class Sets {
        static Set<String> difference(Set<String> a, Set<String> b) {
            Set<String> out = new java.util.HashSet<>(a);
            out.removeAll(b);
            return out;
        }
    }
}
