package dev.brisk.openapi;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Request;
import dev.brisk.annotation.Doc;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Post;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The document, the UIs and their assets, over real HTTP from a started app. */
class OpenApiTest {
    enum Color { RED, GREEN }

    record Tag(@NotBlank String name, Color color) {}

    record Item(@Positive long id, @Size(min = 1, max = 50) String name, @Max(1000) int stock,
                BigDecimal price, Optional<String> note, List<Tag> tags, Set<@NotBlank String> labels,
                Map<String, Integer> counts, Instant created, UUID ref) {}

    record Node(String name, List<Node> children) {}

    @Doc(tags = "shop")
    public static final class Shop {
        @Get("/shop/items/{item_id}")
        public Item item(Request req) {
            return null;
        }

        @Post(value = "/shop/items", status = 201)
        public CompletionStage<List<Item>> create(Request req) {
            return CompletableFuture.completedFuture(List.of());
        }

        @Get("/shop/tree")
        @Doc(summary = "The category tree", description = "All categories, nested.", tags = "tree", deprecated = true)
        public Node tree(Request req) {
            return new Node("root", List.of());
        }

        @Get("/shop/anything")
        public Object anything(Request req) {
            return Map.of();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private Brisk app;

    @AfterEach
    void stop() {
        if (app != null) app.stop();
    }

    private Brisk start(BriskConfig config) {
        app = Brisk.create(config.port(0).loops(1).accessLog(false));
        app.get("/items/{item_id}", worker(req -> Map.of("id", req.pathParam("item_id"))))
                .summary("Read an item").description("One item by id.").tags("items")
                .extension(ResponseModel.class, ResponseModel.of(Item.class));
        app.get("/ping", loopSafe(req -> Map.of("pong", true)));
        app.get("/files/{rest:path}", loop(req -> CompletableFuture.completedFuture("x")));
        app.include(new Shop());
        return app.start();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void documentDescribesRoutesTypesAndInfo() throws Exception {
        start(new BriskConfig().info("Shop API", "2.0.1", "Things to buy"));
        HttpResponse<String> r = get("/openapi.json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode doc = JSON.readTree(r.body());
        assertThat(doc.get("openapi").asString()).isEqualTo("3.1.0");
        assertThat(doc.at("/info/title").asString()).isEqualTo("Shop API");
        assertThat(doc.at("/info/version").asString()).isEqualTo("2.0.1");
        assertThat(doc.at("/info/description").asString()).isEqualTo("Things to buy");
        assertThat(doc.get("paths").has("/openapi.json")).isFalse();
        assertThat(doc.get("paths").has("/docs")).isFalse();

        JsonNode item = doc.at("/paths/~1items~1{item_id}/get");
        assertThat(item.get("summary").asString()).isEqualTo("Read an item");
        assertThat(item.get("description").asString()).isEqualTo("One item by id.");
        assertThat(item.get("tags").get(0).asString()).isEqualTo("items");
        assertThat(item.get("operationId").asString()).isEqualTo("items__item_id__get");
        assertThat(item.at("/parameters/0/in").asString()).isEqualTo("path");
        assertThat(item.at("/parameters/0/required").asBoolean()).isTrue();
        assertThat(item.at("/responses/200/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Item");
        assertThat(item.at("/responses/422/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/HTTPValidationError");
        assertThat(doc.at("/paths/~1ping/get/responses/200/content/application~1json/schema").isEmpty()).isTrue();
        assertThat(doc.at("/paths/~1ping/get/responses").has("422")).isFalse();
        assertThat(doc.at("/paths/~1files~1{rest}/get/parameters/0/name").asString()).isEqualTo("rest");
        assertThat(doc.at("/tags/0/name").asString()).isEqualTo("items");

        JsonNode schema = doc.at("/components/schemas/Item");
        assertThat(schema.get("type").asString()).isEqualTo("object");
        assertThat(names(schema.get("required"))).containsExactlyInAnyOrder("id", "name", "stock", "price", "tags", "labels",
                "counts", "created", "ref");
        JsonNode p = schema.get("properties");
        assertThat(p.at("/id/exclusiveMinimum").asInt()).isZero();
        assertThat(p.at("/id/exclusiveMinimum").isNumber()).isTrue();
        assertThat(p.at("/id/format").asString()).isEqualTo("int64");
        assertThat(p.at("/name/minLength").asInt()).isEqualTo(1);
        assertThat(p.at("/name/maxLength").asInt()).isEqualTo(50);
        assertThat(p.at("/stock/maximum").asInt()).isEqualTo(1000);
        assertThat(p.at("/price/type").asString()).isEqualTo("number");
        assertThat(p.at("/note/type").asString()).isEqualTo("string");
        assertThat(p.at("/tags/items/$ref").asString()).isEqualTo("#/components/schemas/Tag");
        assertThat(p.at("/labels/uniqueItems").asBoolean()).isTrue();
        assertThat(p.at("/labels/items/minLength").asInt()).isEqualTo(1);
        assertThat(p.at("/counts/additionalProperties/type").asString()).isEqualTo("integer");
        assertThat(p.at("/created/format").asString()).isEqualTo("date-time");
        assertThat(p.at("/ref/format").asString()).isEqualTo("uuid");
        assertThat(doc.at("/components/schemas/Tag/properties/name/minLength").asInt()).isEqualTo(1);
        assertThat(names(doc.at("/components/schemas/Color/enum"))).containsExactly("RED", "GREEN");
        assertThat(doc.at("/components/schemas/ValidationError/required").size()).isEqualTo(3);
        assertThat(r.body()).doesNotContain("nullable", "exampleSetFlag", "specVersion", "\"types\"", "null");
    }

    @Test
    void controllerReturnTypesAndOperationIds() throws Exception {
        start(new BriskConfig());
        JsonNode doc = JSON.readTree(get("/openapi.json").body());
        JsonNode read = doc.at("/paths/~1shop~1items~1{item_id}/get");
        assertThat(read.get("operationId").asString()).isEqualTo("item_shop_items__item_id__get");
        assertThat(read.get("summary").asString()).isEqualTo("Item");
        JsonNode create = doc.at("/paths/~1shop~1items/post/responses/201/content/application~1json/schema");
        assertThat(create.get("type").asString()).isEqualTo("array");
        assertThat(create.at("/items/$ref").asString()).isEqualTo("#/components/schemas/Item");
        List<String> ids = new ArrayList<>();
        doc.get("paths").forEach(path -> path.forEach(op -> ids.add(op.get("operationId").asString())));
        assertThat(ids).doesNotHaveDuplicates().hasSize(7);
        JsonNode tree = doc.at("/paths/~1shop~1tree/get");
        assertThat(tree.get("summary").asString()).isEqualTo("The category tree");
        assertThat(tree.get("description").asString()).isEqualTo("All categories, nested.");
        assertThat(tree.get("deprecated").asBoolean()).isTrue();
        assertThat(tree.get("tags")).extracting(JsonNode::asString).containsExactly("shop", "tree");
        assertThat(read.get("tags")).extracting(JsonNode::asString).containsExactly("shop");
    }

    @Test
    void undescribableTypesGivePermissiveSchemasAndOneWarningPerRouteWhenTheDocumentIsBuilt() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("brisk.openapi");
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        JsonNode doc;
        try {
            start(new BriskConfig());
            // built on its first request (FastAPI's app.openapi()), not at start-up
            assertThat(appender.list).noneMatch(e -> e.getLevel() == Level.WARN);
            String first = get("/openapi.json").body();
            assertThat(get("/openapi.json").body()).isEqualTo(first);   // served again from memory: still two warnings below
            doc = JSON.readTree(first);
        } finally {
            logger.detachAppender(appender);
        }
        List<String> warnings = appender.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("GET /shop/anything", "Object"));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("GET /shop/tree", "Node is recursive"));
        assertThat(doc.at("/paths/~1shop~1anything/get/responses/200/content/application~1json/schema").isEmpty()).isTrue();
        assertThat(doc.at("/components/schemas/Node/properties/children/items").isEmpty()).isTrue();
    }

    @Test
    void swaggerUiAndRedocAreServedFromTheJar() throws Exception {
        start(new BriskConfig().info("Shop API", "1", null));
        HttpResponse<String> docs = get("/docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(docs.body()).contains("<title>Shop API - Swagger UI</title>", "url: '/openapi.json'",
                "/docs/swagger-ui-bundle.js?v=5.34.1").doesNotContain("cdn", "https://");
        HttpResponse<String> bundle = get("/docs/swagger-ui-bundle.js?v=5.34.1");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(bundle.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
        assertThat(bundle.body().length()).isGreaterThan(1_000_000);
        assertThat(get("/docs/swagger-ui.css").headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
        assertThat(get("/docs/oauth2-redirect").body()).contains("oauth2-redirect.js");
        assertThat(get("/docs/oauth2-redirect.js").statusCode()).isEqualTo(200);
        HttpResponse<String> redoc = get("/redoc");
        assertThat(redoc.body()).contains("<title>Shop API - ReDoc</title>", "spec-url=\"/openapi.json\"",
                "/redoc/redoc.standalone.js?v=2.1.4");
        HttpResponse<String> redocJs = get("/redoc/redoc.standalone.js");
        assertThat(redocJs.statusCode()).isEqualTo(200);
        assertThat(redocJs.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void urlsAreConfigurableAndCanBeSwitchedOff() throws Exception {
        start(new BriskConfig().openapiUrl("/api/spec.json").redocUrl(null));
        assertThat(get("/api/spec.json").statusCode()).isEqualTo(200);
        assertThat(get("/openapi.json").statusCode()).isEqualTo(404);
        assertThat(get("/docs").body()).contains("url: '/api/spec.json'");
        assertThat(get("/redoc").statusCode()).isEqualTo(404);
        app.stop();
        start(new BriskConfig().openapiUrl(null));
        assertThat(get("/api/spec.json").statusCode()).isEqualTo(404);
        assertThat(get("/openapi.json").statusCode()).isEqualTo(404);
        assertThat(get("/docs").statusCode()).isEqualTo(404);
    }

    @Test
    void anAppRouteAtADocsUrlWins() throws Exception {
        app = Brisk.create(new BriskConfig().port(0).loops(1).accessLog(false));
        app.get("/docs", loopSafe(req -> Map.of("mine", true)));
        app.start();
        assertThat(get("/docs").body()).isEqualTo("{\"mine\":true}");
        assertThat(get("/openapi.json").statusCode()).isEqualTo(200);
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
