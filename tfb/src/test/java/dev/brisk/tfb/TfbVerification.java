package dev.brisk.tfb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestResponse;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TechEmpower's verification rules for every test type, checked over real HTTP against a real
 * PostgreSQL; one subclass per driver.
 */
@ExtendWith(PostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TfbVerification {
    private final TfbApp.Driver driver;
    private PgCluster pg;
    private BriskTestClient client;

    TfbVerification(TfbApp.Driver driver) {
        this.driver = driver;
    }

    @BeforeAll
    void start(PgCluster cluster) {
        pg = cluster;
        client = BriskTestClient.start(TfbApp.app(new BriskConfig().loops(1).accessLog(false), driver, pg.host(), pg.port(), 4));
    }

    @AfterAll
    void stop() {
        if (client != null) client.close();
    }

    @Test
    void jsonAndPlaintextCarryTheRequiredHeaders() {
        TestResponse json = client.get("/json").send().assertStatus(200).assertJson(Map.of("message", "Hello, World!"));
        assertThat(json.header("content-type")).startsWith("application/json");
        assertThat(json.header("server")).isNotBlank();
        assertThat(json.header("date")).isNotBlank();
        assertThat(json.header("content-length")).isEqualTo(String.valueOf(json.bytes().length));
        TestResponse text = client.get("/plaintext").send().assertStatus(200).assertBody("Hello, World!");
        assertThat(text.header("content-type")).startsWith("text/plain");
        assertThat(text.header("server")).isNotBlank();
        assertThat(text.header("date")).isNotBlank();
    }

    @Test
    void dbAnswersOneRowAsItIsInTheDatabase() throws Exception {
        for (int i = 0; i < 5; i++) {
            TestResponse r = client.get("/db").send().assertStatus(200);
            assertThat(r.header("content-type")).startsWith("application/json");
            @SuppressWarnings("unchecked")
            Map<String, Object> row = (Map<String, Object>) r.json();
            assertThat(row).containsOnlyKeys("id", "randomNumber");
            assertRowsMatchDatabase(List.of(row));
        }
    }

    @Test
    void queriesClampsTheCountAndAnswersRowsFromTheDatabase() throws Exception {
        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("?queries=20", 20);
        expected.put("?queries=1", 1);
        expected.put("?queries=0", 1);
        expected.put("?queries=-5", 1);
        expected.put("?queries=foo", 1);
        expected.put("?queries=", 1);
        expected.put("", 1);
        expected.put("?queries=501", 500);
        for (var e : expected.entrySet()) {
            List<Map<String, Object>> rows = rows(client.get("/queries" + e.getKey()).send().assertStatus(200));
            assertThat(rows).as("/queries" + e.getKey()).hasSize(e.getValue());
            assertRowsMatchDatabase(rows);
        }
    }

    @Test
    void updatesWriteNewNumbersAndAnswerThem() throws Exception {
        for (String q : List.of("?queries=20", "?queries=1", "?queries=foo", "?queries=0", "?queries=501")) {
            TestResponse r = client.get("/updates" + q).send().assertStatus(200);
            List<Map<String, Object>> rows = rows(r);
            assertThat(rows).hasSize(q.endsWith("20") ? 20 : q.endsWith("501") ? 500 : 1);
            // with an id twice in one request, the last answered value is the one written
            Map<Integer, Integer> last = new HashMap<>();
            for (Map<String, Object> row : rows) last.put(((Number) row.get("id")).intValue(), ((Number) row.get("randomNumber")).intValue());
            assertThat(database(last.keySet())).isEqualTo(last);
        }
    }

    @Test
    void cachedQueriesClampTheCount() throws Exception {
        for (var e : Map.of("?count=20", 20, "?count=0", 1, "?count=x", 1, "", 1, "?count=600", 500, "?count=99999999999", 500).entrySet()) {
            List<Map<String, Object>> rows = rows(client.get("/cached-queries" + e.getKey()).send().assertStatus(200));
            assertThat(rows).as("/cached-queries" + e.getKey()).hasSize(e.getValue());
            for (Map<String, Object> row : rows) {
                assertThat(((Number) row.get("id")).intValue()).isBetween(1, 10_000);
                assertThat(((Number) row.get("randomNumber")).intValue()).isBetween(1, 10_000);
            }
        }
    }

    @Test
    void fortunesAreSortedEscapedUtf8HtmlWithTheAddedOne() throws Exception {
        TestResponse r = client.get("/fortunes").send().assertStatus(200);
        assertThat(r.header("content-type")).isEqualToIgnoringCase("text/html; charset=utf-8");
        String html = new String(r.bytes(), StandardCharsets.UTF_8);
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Fortunes</title>")
                .contains("<tr><th>id</th><th>message</th></tr>")
                .doesNotContain("<script>").contains("&lt;script&gt;alert(")
                .contains("<td>フレームワークのベンチマーク</td>");
        List<List<String>> expected = new ArrayList<>();
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT id, message FROM fortune")) {
            while (rs.next()) expected.add(List.of(String.valueOf(rs.getInt(1)), rs.getString(2)));
        }
        expected.add(List.of("0", "Additional fortune added at request time."));
        expected.sort(Comparator.comparing((List<String> row) -> row.get(1)));
        List<List<String>> shown = new ArrayList<>();
        Matcher m = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td></tr>").matcher(html);
        while (m.find()) shown.add(List.of(m.group(1), unescape(m.group(2))));
        assertThat(shown).hasSize(13).isEqualTo(expected);
    }

    @Test
    void sixteenPipelinedRequestsAreAnsweredInOrder() throws Exception {
        for (String path : List.of("/plaintext", "/json", "/db")) {
            List<String> bodies = pipelined(path, 16);
            assertThat(bodies).hasSize(16);
            if (path.equals("/plaintext")) assertThat(bodies).containsOnly("Hello, World!");
            if (path.equals("/json")) assertThat(bodies).containsOnly("{\"message\":\"Hello, World!\"}");
            if (path.equals("/db")) assertThat(bodies).allMatch(b -> b.matches("\\{\"id\":\\d+,\"randomNumber\":\\d+}"));
        }
        // mixed routes in one pipeline: each answer in its request's place
        List<String> mixed = pipelined(List.of("/plaintext", "/db", "/json", "/queries?queries=2", "/plaintext"));
        assertThat(mixed.get(0)).isEqualTo("Hello, World!");
        assertThat(mixed.get(1)).startsWith("{\"id\":");
        assertThat(mixed.get(2)).isEqualTo("{\"message\":\"Hello, World!\"}");
        assertThat(mixed.get(3)).startsWith("[{\"id\":");
        assertThat(mixed.get(4)).isEqualTo("Hello, World!");
    }

    private List<String> pipelined(String path, int depth) throws Exception {
        return pipelined(java.util.Collections.nCopies(depth, path));
    }

    // One write holding every request, then the answers read back off the same connection, in order.
    private List<String> pipelined(List<String> paths) throws Exception {
        StringBuilder req = new StringBuilder();
        for (String p : paths) req.append("GET ").append(p).append(" HTTP/1.1\r\nHost: localhost\r\n\r\n");
        try (Socket s = new Socket("127.0.0.1", client.app().port())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) {
                String head = readHead(in);
                assertThat(head).startsWith("HTTP/1.1 200");
                Matcher m = Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
                assertThat(m.find()).as("content-length in " + head).isTrue();
                bodies.add(new String(in.readNBytes(Integer.parseInt(m.group(1))), StandardCharsets.UTF_8));
            }
            return bodies;
        }
    }

    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new AssertionError("connection closed after " + out);
            out.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(TestResponse r) {
        assertThat(r.header("content-type")).startsWith("application/json");
        return (List<Map<String, Object>>) r.json();
    }

    private void assertRowsMatchDatabase(List<Map<String, Object>> rows) throws Exception {
        Map<Integer, Integer> answered = new HashMap<>();
        for (Map<String, Object> row : rows) {
            int id = ((Number) row.get("id")).intValue();
            assertThat(id).isBetween(1, 10_000);
            answered.put(id, ((Number) row.get("randomNumber")).intValue());
        }
        assertThat(database(answered.keySet())).isEqualTo(answered);
    }

    private Map<Integer, Integer> database(java.util.Collection<Integer> ids) throws Exception {
        Map<Integer, Integer> out = new HashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT randomnumber FROM world WHERE id = ?")) {
            for (int id : ids) {
                s.setInt(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    out.put(id, rs.getInt(1));
                }
            }
        }
        return out;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(pg.jdbcUrl(), PgCluster.USER, PgCluster.PASSWORD);
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", "\"").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
