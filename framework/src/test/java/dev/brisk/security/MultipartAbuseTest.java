package dev.brisk.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.annotation.Form;
import dev.brisk.annotation.Post;
import dev.brisk.params.UploadFile;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Multipart and form bodies that cannot be abused (issue 11 item 2), against a running app. */
class MultipartAbuseTest {
    static BriskTestClient client;

    public static final class Api {
        @Post("/files")
        public Map<String, Object> files(@Form(required = false) List<UploadFile> file, @Form(required = false) List<String> note) {
            var out = new java.util.LinkedHashMap<String, Object>();
            out.put("names", file.stream().map(UploadFile::filename).toList());
            out.put("notes", note.size());
            return out;
        }
    }

    @BeforeAll
    static void start() {
        client = BriskTestClient.start(Brisk.create(BriskTestClient.testConfig().loops(1).maxBodySize(12 * 1024 * 1024)
                .maxFormFiles(3).maxFormFields(4).maxFormParts(6)).include(new Api()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    static TestResponse post(String boundaryParam, byte[] body) {
        return client.post("/files").body(body, "multipart/form-data; " + boundaryParam).send();
    }

    static byte[] parts(String boundary, String... dispositions) {
        StringBuilder sb = new StringBuilder();
        for (String d : dispositions) sb.append("--").append(boundary).append("\r\nContent-Disposition: form-data; ").append(d).append("\r\n\r\nv\r\n");
        return sb.append("--").append(boundary).append("--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBoundaryOver70CharactersIs400() throws Exception {
        String b = "b".repeat(71);
        var r = post("boundary=" + b, parts(b, "name=\"note\""));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).isEqualTo("{\"detail\":\"Multipart boundary is longer than 70 characters.\"}");
        assertThat(post("boundary=" + "b".repeat(70), parts("b".repeat(70), "name=\"note\"")).text())
                .isEqualTo("{\"names\":[],\"notes\":1}");
    }

    @Test
    void quotedSemicolonsEscapesAndFilenameStarAreParsed() throws Exception {
        var r = post("boundary=\"q;b\"", parts("q;b",
                "name=\"file\"; filename=\"a;b.txt\"",
                "name=\"file\"; filename=\"say \\\"hi\\\".txt\"",
                "name=\"file\"; filename=\"rates.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("\"a;b.txt\"", "\"say \\\"hi\\\".txt\"", "\"€ rates.txt\"");
    }

    @Test
    void tooManyFilesFieldsOrPartsIs400WithStarlettesMessages() throws Exception {
        var files = post("boundary=B", parts("B", "name=\"file\"; filename=\"1\"", "name=\"file\"; filename=\"2\"",
                "name=\"file\"; filename=\"3\"", "name=\"file\"; filename=\"4\""));
        assertThat(files.status()).isEqualTo(400);
        assertThat(files.text()).isEqualTo("{\"detail\":\"Too many files. Maximum number of files is 3.\"}");
        var fields = post("boundary=B", parts("B", "name=\"note\"", "name=\"note\"", "name=\"note\"", "name=\"note\"", "name=\"note\""));
        assertThat(fields.text()).isEqualTo("{\"detail\":\"Too many fields. Maximum number of fields is 4.\"}");
        var unnamed = post("boundary=B", parts("B", "x=1", "x=1", "x=1", "x=1", "x=1", "x=1", "x=1"));
        assertThat(unnamed.text()).isEqualTo("{\"detail\":\"Too many parts. Maximum number of parts is 6.\"}");
        var ok = post("boundary=B", parts("B", "name=\"file\"; filename=\"1\"", "name=\"note\""));
        assertThat(ok.text()).isEqualTo("{\"names\":[\"1\"],\"notes\":1}");
    }

    /** Issue 11: ~10 MiB with a 7000-char boundary took 19.9 s; now the boundary is capped and the search linear. */
    @Test
    void theWorstCaseBoundarySearchCostsAboutAsMuchAsAPlainUpload() throws Exception {
        int size = 4 * 1024 * 1024; // enough for a quadratic search to show (69 x 4 Mi compares), small for CI
        String boundary = "a".repeat(69) + "b";
        // every position of the body matches 69 bytes of the delimiter before failing: quadratic for a naive search
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\n";
        byte[] hostile = (head + "\r\n--" + "a".repeat(size)).getBytes(StandardCharsets.ISO_8859_1);
        byte[] plain = (head + "z".repeat(size) + "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        post("boundary=" + boundary, plain); // warm-up
        long t0 = System.nanoTime();
        var p = post("boundary=" + boundary, plain);
        long plainNanos = System.nanoTime() - t0;
        t0 = System.nanoTime();
        var h = post("boundary=" + boundary, hostile);
        long hostileNanos = System.nanoTime() - t0;
        assertThat(p.text()).isEqualTo("{\"names\":[\"x\"],\"notes\":0}");
        assertThat(h.status()).isEqualTo(400);
        assertThat(h.text()).isEqualTo("{\"detail\":\"Malformed multipart body.\"}");
        assertThat(hostileNanos).as("hostile %d ms vs plain %d ms", hostileNanos / 1_000_000, plainNanos / 1_000_000)
                .isLessThan(plainNanos * 4 + 1_000_000_000L);
    }
}
