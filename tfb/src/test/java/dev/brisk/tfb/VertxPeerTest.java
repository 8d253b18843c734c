package dev.brisk.tfb;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Vert.x peer of {@code benchmarks/tfb/run} answers TFB's test types correctly (a peer that
 * answered errors fast would make the comparison meaningless): rows as in the database, counts clamped,
 * updates written, fortunes escaped, and the Server and Date headers TFB requires.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VertxPeerTest {
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PgCluster pg;
    private Vertx vertx;
    private int port;

    @BeforeAll
    void start(PgCluster cluster) throws Exception {
        pg = cluster;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)).withTransport(VertxTransports.pick(null)).build();
        VertxTfbServer.deploy(vertx, port, PgPipeline.options(pg.host(), pg.port()), 1, 1).await(20, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void databaseRoutesAnswerRowsAsInTheDatabase() throws Exception {
        Map<String, Integer> counts = Map.of("/db", 1, "/queries?queries=20", 20, "/queries?queries=foo", 1,
                "/queries?queries=0", 1, "/queries?queries=501", 500);
        for (var e : counts.entrySet()) {
            HttpResponse<String> r = get(e.getKey());
            assertThat(r.statusCode()).as(e.getKey()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
            assertThat(r.headers().firstValue("server")).isPresent();
            assertThat(r.headers().firstValue("date")).isPresent();
            List<Map<String, Integer>> rows = WorldRows.parse(e.getKey(), r.body());
            assertThat(rows).as(e.getKey()).hasSize(e.getValue());
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
        assertThat(f.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(f.body()).contains("&lt;script&gt;alert(").doesNotContain("<script>")
                .contains("<td>フレームワークのベンチマーク</td>").contains("Additional fortune added at request time.");
        assertThat(f.body().split("<tr><td>", -1)).hasSize(14);   // 12 rows + the added one
        assertThat(get("/json").body()).isEqualTo("{\"message\":\"Hello, World!\"}");
        assertThat(get("/plaintext").body()).isEqualTo("Hello, World!");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
