package dev.brisk.params;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static dev.brisk.validation.Rules.ge;
import static dev.brisk.validation.Rules.le;
import static dev.brisk.validation.Rules.maxLength;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lambda routes' typed accessor API: same conversions, constraints and errors, all collected. */
class ParamsAccessorTest {
    static Brisk app;

    record Point(int x, int y) {}

    @BeforeAll
    static void start() {
        app = Brisk.create(new BriskConfig().port(0).loops(1));
        app.get("/items/{item_id}", loopSafe(req -> {
            Params p = Params.of(req);
            int id = p.path("item_id", int.class, ge(1));
            Optional<String> q = p.queryOptional("q", String.class, maxLength(5));
            int limit = p.query("limit", int.class, 10, ge(1), le(100));
            List<Integer> tags = p.queryList("tag", Integer.class);
            String token = p.headerOptional("x-token", String.class).orElse("none");
            p.validate();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("item_id", id);
            out.put("q", q.orElse(null));
            out.put("limit", limit);
            out.put("tag", tags);
            out.put("token", token);
            return out;
        }));
        app.post("/points", worker(req -> {
            Params p = Params.of(req);
            Point pt = p.body(Point.class);
            boolean strict = p.query("strict", boolean.class, false);
            p.validate();
            return TestApi.ordered("sum", pt.x() + pt.y(), "strict", strict);
        }));
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void happyPath() throws Exception {
        assertThat(Http.get(app, "/items/3?q=abc&tag=1&tag=2", "X-Token", "t").body())
                .isEqualTo("{\"item_id\":3,\"q\":\"abc\",\"limit\":10,\"tag\":[1,2],\"token\":\"t\"}");
        assertThat(Http.postJson(app, "/points?strict=true", "{\"x\":1,\"y\":2}").body()).isEqualTo("{\"sum\":3,\"strict\":true}");
    }

    @Test
    void collectsEveryErrorBeforeAnswering422() throws Exception {
        Http.Reply r = Http.get(app, "/items/0?q=toolong&limit=1000&tag=x");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).isEqualTo("{\"detail\":["
                + "{\"type\":\"greater_than_equal\",\"loc\":[\"path\",\"item_id\"],\"msg\":\"Input should be greater than or equal to 1\",\"input\":\"0\",\"ctx\":{\"ge\":1}},"
                + "{\"type\":\"string_too_long\",\"loc\":[\"query\",\"q\"],\"msg\":\"String should have at most 5 characters\",\"input\":\"toolong\",\"ctx\":{\"max_length\":5}},"
                + "{\"type\":\"less_than_equal\",\"loc\":[\"query\",\"limit\"],\"msg\":\"Input should be less than or equal to 100\",\"input\":\"1000\",\"ctx\":{\"le\":100}},"
                + "{\"type\":\"int_parsing\",\"loc\":[\"query\",\"tag\",0],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"x\"}]}");
    }

    @Test
    void bodyAndQueryErrorsTogether() throws Exception {
        Http.Reply r = Http.postJson(app, "/points?strict=maybe", "{\"x\":\"a\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body()).isEqualTo("{\"detail\":["
                + "{\"type\":\"int_parsing\",\"loc\":[\"body\",\"x\"],\"msg\":\"Input should be a valid integer, unable to parse string as an integer\",\"input\":\"a\"},"
                + "{\"type\":\"missing\",\"loc\":[\"body\",\"y\"],\"msg\":\"Field required\",\"input\":{\"x\":\"a\"}},"
                + "{\"type\":\"bool_parsing\",\"loc\":[\"query\",\"strict\"],\"msg\":\"Input should be a valid boolean, unable to interpret input\",\"input\":\"maybe\"}]}");
    }
}
