package dev.brisk.params;

import dev.brisk.validation.Constraint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Query;
import dev.brisk.routing.Route;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Typed binding on the happy path, limits on hostile input, and the plan exposed to OpenAPI. */
class ParamsBindingTest {
    static Brisk app;

    @BeforeAll
    static void start() {
        app = Brisk.create(new BriskConfig().port(0).loops(1)).include(new TestApi());
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void pathQueryAndDefaultsAsTheSeedContract() throws Exception {
        assertThat(Http.get(app, "/items/1").body()).isEqualTo("{\"item_id\":1,\"q\":null,\"limit\":10}");
        assertThat(Http.get(app, "/items/7?q=x%20y&limit=3").body()).isEqualTo("{\"item_id\":7,\"q\":\"x y\",\"limit\":3}");
        assertThat(Http.get(app, "/items/-2?q=").body()).isEqualTo("{\"item_id\":-2,\"q\":\"\",\"limit\":10}");
    }

    @Test
    void unannotatedParametersFollowFastApisRule() throws Exception {
        Http.Reply r = Http.get(app, "/plain/3?needy=yes&limit=4");
        assertThat(r.body()).isEqualTo("{\"item_id\":3,\"needy\":\"yes\",\"skip\":0,\"limit\":4}");
    }

    @Test
    void convertsEveryScalarType() throws Exception {
        String uuid = "123e4567-e89b-12d3-a456-426614174000";
        Http.Reply r = Http.get(app, "/types?i=%2042%20&l=1_000&d=2.5&b=yes&u=" + uuid + "&e=green&date=2024-02-29"
                + "&dt=2024-01-02%2003:04:05&dec=1.10&dur=PT1H30M&t=10:15&at=1700000000");
        JsonNode j = r.json();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(j.get("i").intValue()).isEqualTo(42);
        assertThat(j.get("l").longValue()).isEqualTo(1000);
        assertThat(j.get("d").doubleValue()).isEqualTo(2.5);
        assertThat(j.get("b").booleanValue()).isTrue();
        assertThat(j.get("u").stringValue()).isEqualTo(uuid);
        assertThat(j.get("e").stringValue()).isEqualTo("green");
        assertThat(j.get("date").stringValue()).isEqualTo("2024-02-29");
        assertThat(j.get("dt").stringValue()).isEqualTo("2024-01-02T03:04:05");
        assertThat(j.get("dec").decimalValue()).isEqualByComparingTo(new BigDecimal("1.10"));
        assertThat(j.get("dur").stringValue()).isEqualTo("PT1H30M");
        assertThat(j.get("t").stringValue()).isEqualTo("10:15");
        assertThat(j.get("at").stringValue()).isEqualTo("2023-11-14T22:13:20Z");
    }

    @Test
    void requestParameterAndListDefaultOnTheWorkerLane() throws Exception {
        assertThat(Http.get(app, "/mixed/5").body()).isEqualTo("{\"id\":5,\"method\":\"GET\",\"thread\":\"worker\",\"tag\":[\"a\",\"b\"]}");
        assertThat(Http.get(app, "/mixed/5?tag=z").body()).isEqualTo("{\"id\":5,\"method\":\"GET\",\"thread\":\"worker\",\"tag\":[\"z\"]}");
    }

    @Test
    void loopStageHandlerBindsBeforeRunning() throws Exception {
        assertThat(Http.get(app, "/async/123e4567-e89b-12d3-a456-426614174000").body())
                .isEqualTo("{\"id\":\"123e4567-e89b-12d3-a456-426614174000\"}");
        Http.Reply bad = Http.get(app, "/async/nope");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("detail").get(0).get("type").stringValue()).isEqualTo("uuid_parsing");
    }

    @Test
    void repeatedQueryKeysBecomeListsAndSets() throws Exception {
        assertThat(Http.get(app, "/list?n=1&n=2&tag=a&tag=b&tag=a").body()).isEqualTo("{\"n\":[1,2],\"tag\":[\"a\",\"b\"]}");
    }

    @Test
    void headersUseFastApisNameConversionAndCookiesAreRead() throws Exception {
        Http.Reply r = Http.get(app, "/headers", "X-Token", "t1", "x-request-id", "r2", "X-Exact", "e3",
                "X-Multi", "a", "X-Multi", "b", "Cookie", "session=s4; other=z");
        assertThat(r.body()).isEqualTo("{\"x_token\":\"t1\",\"x_request_id\":\"r2\",\"exact\":\"e3\",\"x_multi\":[\"a\",\"b\"],\"session\":\"s4\"}");
    }

    @Test
    void recordBodyRoundTripsWithTheRouteStatus() throws Exception {
        String body = "{\"name\":\"pen\",\"price\":1.5,\"quantity\":2,\"tags\":[\"a\"],\"address\":{\"city\":\"Paris\",\"zip\":\"75001\"},"
                + "\"more\":[{\"city\":\"Lyon\",\"zip\":\"69001\"}],\"ignored\":true}";
        Http.Reply r = Http.postJson(app, "/items", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode j = r.json();
        assertThat(j.get("name").stringValue()).isEqualTo("pen");
        assertThat(j.get("quantity").intValue()).isEqualTo(2);
        assertThat(j.get("description").isNull()).isTrue();
        assertThat(j.get("more").get(0).get("city").stringValue()).isEqualTo("Lyon");
        assertThat(Http.postJson(app, "/implicit?dry=1", body).body()).isEqualTo("{\"name\":\"pen\",\"dry\":true}");
    }

    @Test
    void recursiveRecordsAndMapBodies() throws Exception {
        assertThat(Http.postJson(app, "/chain", "{\"value\":1,\"next\":{\"value\":2,\"next\":{\"value\":3}}}").body())
                .isEqualTo("{\"sum\":6,\"depth\":3}");
        Http.Reply bad = Http.postJson(app, "/chain", "{\"value\":1,\"next\":{\"value\":\"two\",\"next\":{}}}");
        assertThat(bad.json().get("detail")).hasSize(2);
        assertThat(bad.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"next\",\"value\"]");
        assertThat(bad.json().get("detail").get(1).get("loc").toString()).isEqualTo("[\"body\",\"next\",\"next\",\"value\"]");
        assertThat(Http.postJson(app, "/scores", "{\"a\":1,\"b\":2}").body()).isEqualTo("{\"n\":2}");
        assertThat(Http.postJson(app, "/addresses", "[{\"city\":\"A\",\"zip\":\"11111\"}]").body()).isEqualTo("{\"n\":1}");
        assertThat(Http.postJson(app, "/addresses", "[{\"city\":\"A\"}]").json().get("detail").get(0).get("loc").toString())
                .isEqualTo("[\"body\",0,\"zip\"]");
        Http.Reply notMap = Http.postJson(app, "/scores", "[1]");
        assertThat(notMap.json().get("detail").get(0).get("type").stringValue()).isEqualTo("dict_type");
        Http.Reply badValue = Http.postJson(app, "/scores", "{\"a\":\"x\"}");
        assertThat(badValue.json().get("detail").get(0).get("loc").toString()).isEqualTo("[\"body\",\"a\"]");
    }

    @Test
    void severalBodyParametersAreEmbeddedByName() throws Exception {
        Http.Reply r = Http.postJson(app, "/embedded", "{\"home\":{\"city\":\"A\",\"zip\":\"11111\"},\"work\":{\"city\":\"B\",\"zip\":\"22222\"}}");
        assertThat(r.body()).isEqualTo("{\"home\":\"A\",\"work\":\"B\"}");
    }

    @Test
    void plainClassBodyGoesThroughJackson() throws Exception {
        assertThat(Http.postJson(app, "/note", "{\"text\":\"hello\",\"stars\":5}").body()).isEqualTo("{\"text\":\"hello\",\"stars\":5}");
    }

    @Test
    void urlencodedForm() throws Exception {
        Http.Reply r = Http.send(app, "POST", "/login", "application/x-www-form-urlencoded",
                "username=bob+smith&password=s3cret%21%21&remember=on".getBytes(StandardCharsets.UTF_8));
        assertThat(r.body()).isEqualTo("{\"username\":\"bob smith\",\"remember\":true}");
    }

    @Test
    void multipartUpload() throws Exception {
        String body = "--B0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "line1\r\nline2\r\n--B0\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhi\r\n"
                + "--B0\r\nContent-Disposition: form-data; name=\"extra\"; filename=\"b.bin\"\r\n\r\n\u0001\u0002\r\n--B0--\r\n";
        Http.Reply r = Http.send(app, "POST", "/upload", "multipart/form-data; boundary=B0", body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.body()).isEqualTo("{\"filename\":\"a.txt\",\"type\":\"text/plain\",\"size\":12,\"text\":\"line1\\r\\nline2\",\"note\":\"hi\",\"extra\":1}");
    }

    @Test
    void tooManyFormFieldsIs400AsInStarlette() throws Exception {
        String body = "password=x".repeat(1).concat("&a=1".repeat(1000));
        Http.Reply r = Http.send(app, "POST", "/login", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Too many fields. Maximum number of fields is 1000.\"}");
    }

    @Test
    void deepNestingIs422JsonInvalidNotAStackOverflow() throws Exception {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        Http.Reply r = Http.postJson(app, "/numbers", deep);
        assertThat(r.status()).isEqualTo(422);
        JsonNode err = r.json().get("detail").get(0);
        assertThat(err.get("type").stringValue()).isEqualTo("json_invalid");
        assertThat(err.get("ctx").get("error").stringValue()).isEqualTo("Maximum nesting depth exceeded (128)");
    }

    @Test
    void overLongStringIs413() throws Exception {
        String huge = "{\"text\":\"" + "x".repeat(JsonBody.MAX_STRING + 1) + "\"}";
        Http.Reply r = Http.postJson(app, "/note", huge);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body()).isEqualTo("{\"detail\":\"Request body value too large\"}");
    }

    @Test
    void planIsExposedReadOnlyForOpenApi() {
        Route route = app.routes().stream().filter(r -> r.template().equals("/constraints")).findFirst().orElseThrow();
        RoutePlan plan = route.extension(RoutePlan.class);
        assertThat(plan.bodyMediaType()).isNull();
        ParamSpec ge = plan.params().get(0);
        assertThat(ge.name()).isEqualTo("ge");
        assertThat(ge.source()).isEqualTo(Source.QUERY);
        assertThat(ge.required()).isFalse();
        assertThat(ge.valueClass()).isEqualTo(Integer.class);
        assertThat(ge.constraints()).containsExactly(new Constraint("minimum", BigDecimal.valueOf(1)));
        assertThat(plan.params().get(4).constraints()).containsExactly(new Constraint("minLength", 3), new Constraint("maxLength", 5));

        RoutePlan items = app.routes().stream().filter(r -> r.template().equals("/items/{item_id}")).findFirst().orElseThrow()
                .extension(RoutePlan.class);
        assertThat(items.params()).extracting(ParamSpec::name, ParamSpec::source, ParamSpec::required, ParamSpec::defaultValue)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("item_id", Source.PATH, true, null),
                        org.assertj.core.groups.Tuple.tuple("q", Source.QUERY, false, null),
                        org.assertj.core.groups.Tuple.tuple("limit", Source.QUERY, false, "10"));

        RoutePlan create = app.routes().stream().filter(r -> r.label().equals("POST /items")).findFirst().orElseThrow()
                .extension(RoutePlan.class);
        assertThat(create.bodyMediaType()).isEqualTo("application/json");
        assertThat(create.body().orElseThrow().type()).isEqualTo(TestApi.Item.class);
        List<ParamSpec> fields = RoutePlan.fields(TestApi.Item.class);
        assertThat(fields).extracting(ParamSpec::name).containsExactly("name", "price", "quantity", "tags", "description", "address", "more");
        assertThat(fields.get(0).constraints()).containsExactly(new Constraint("notBlank", true), new Constraint("minLength", 1),
                new Constraint("maxLength", 20));
        assertThat(fields.get(3).constraints()).containsExactly(new Constraint("maxItems", 3));
        assertThat(fields.get(4).required()).isFalse();
        RoutePlan upload = app.routes().stream().filter(r -> r.template().equals("/upload")).findFirst().orElseThrow()
                .extension(RoutePlan.class);
        assertThat(upload.bodyMediaType()).isEqualTo("multipart/form-data");
        assertThat(upload.params(Source.FORM)).extracting(ParamSpec::name).containsExactly("file", "note", "extra");
        RoutePlan headers = app.routes().stream().filter(r -> r.template().equals("/headers")).findFirst().orElseThrow()
                .extension(RoutePlan.class);
        assertThat(headers.params(Source.HEADER)).extracting(ParamSpec::name).containsExactly("x-token", "x-request-id", "X-Exact", "x-multi");
    }

    public static final class BadPath {
        @Get("/a/{id}")
        public Map<String, Object> a(@PathParam int other) {
            return Map.of();
        }
    }

    public static final class BadDefault {
        @Get("/a")
        public Map<String, Object> a(@Query(defaultValue = "ten") int limit) {
            return Map.of();
        }
    }

    public static final class BadType {
        @Get("/a")
        public Map<String, Object> a(@Query Map<String, String> m) {
            return Map.of();
        }
    }

    @Test
    void declarationMistakesFailAtRegistration() {
        Brisk other = Brisk.create(new BriskConfig().port(0));
        assertThatThrownBy(() -> other.include(new BadPath())).hasMessageContaining("path parameter 'other' is not in the route's path template");
        assertThatThrownBy(() -> other.include(new BadDefault())).hasMessageContaining("default 'ten' is invalid");
        assertThatThrownBy(() -> other.include(new BadType())).hasMessageContaining("cannot be read from the query");
    }
}
