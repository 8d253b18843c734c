package dev.brisk.tfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

/**
 * The FastAPI + asyncpg peer of {@code benchmarks/tfb/run} (benchmarks/tfb/fastapi/app.py, under the
 * same uvicorn command line as the benchmark) answers TFB's test types correctly: rows as in the
 * database, counts clamped, updates written, fortunes escaped. Skipped where Debian's FastAPI stack is
 * missing, except on CI ({@code .ci/run} installs it).
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FastApiPeerTest {
    private static final String PY = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: the default client offers an h2c upgrade, which uvicorn refuses with a 400
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PgCluster pg;
    private Process uvicorn;
    private Path log;
    private int port;

    @BeforeAll
    void start(PgCluster cluster) throws Exception {
        pg = cluster;
        boolean stack = new File(PY).canExecute() && new ProcessBuilder(PY, "-c",
                "import fastapi, uvicorn, uvloop, httptools, asyncpg, jinja2").start().waitFor() == 0;
        if (!stack && System.getenv("CI") != null) throw new IllegalStateException("the FastAPI stack is needed on CI");
        Assumptions.assumeTrue(stack, "skipped: Debian's python3-fastapi/uvicorn/uvloop/httptools/asyncpg/jinja2 missing");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        log = Files.createTempFile("fastapi-peer", ".log");
        ProcessBuilder pb = new ProcessBuilder(PY, "-m", "uvicorn", "app:app", "--app-dir", root().resolve("benchmarks/tfb/fastapi").toString(),
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--loop", "uvloop", "--http", "httptools",
                "--workers", "1", "--no-access-log").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PGPORT", String.valueOf(pg.port()));
        pb.environment().put("PGHOST", pg.host());
        pb.environment().put("POOL", "2");
        uvicorn = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (java.io.IOException notYet) {
                if (!uvicorn.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("uvicorn did not start:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (uvicorn != null) {
            uvicorn.destroy();
            if (!uvicorn.waitFor(10, TimeUnit.SECONDS)) uvicorn.destroyForcibly();
        }
        if (log != null) Files.deleteIfExists(log);
    }

    @Test
    void databaseRoutesAnswerRowsAsInTheDatabase() throws Exception {
        Map<String, Integer> counts = Map.of("/db", 1, "/queries?queries=20", 20, "/queries?queries=foo", 1,
                "/queries?queries=0", 1, "/queries?queries=501", 500, "/cached-queries?count=7", 7);
        for (var e : counts.entrySet()) {
            HttpResponse<String> r = get(e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            List<Map<String, Integer>> rows = WorldRows.parse(e.getKey(), r.body());
            assertThat(rows).as(e.getKey()).hasSize(e.getValue());
            if (e.getKey().startsWith("/cached")) continue;   // the cache is read at start-up; other tests update rows
            WorldRows.assertStored(pg, e.getKey(), rows);
        }
    }

    @Test
    void updatesAreWrittenAndFortunesEscaped() throws Exception {
        HttpResponse<String> r = get("/updates?queries=20");
        assertThat(r.statusCode()).isEqualTo(200);
        List<Map<String, Integer>> rows = WorldRows.parse("/updates", r.body());
        assertThat(rows).hasSize(20);
        WorldRows.assertStored(pg, "/updates", rows);

        HttpResponse<String> f = get("/fortunes");
        assertThat(f.statusCode()).isEqualTo(200);
        assertThat(f.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(f.body()).contains("&lt;script&gt;alert(").doesNotContain("<script>")
                .contains("<td>フレームワークのベンチマーク</td>").contains("Additional fortune added at request time.");
        assertThat(f.body().split("<tr><td>", -1)).hasSize(14);   // 12 rows + the added one
        assertThat(JSON.readValue(get("/json").body(), Map.class)).isEqualTo(Map.of("message", "Hello, World!"));
        assertThat(get("/plaintext").body()).isEqualTo("Hello, World!");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }


    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("README.md"))) p = p.getParent();
        return p;
    }
}
