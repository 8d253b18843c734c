package dev.brisk.params;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.json.Json;
import dev.brisk.testing.BriskTestClient;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * One {@link Json} per app, used both ways: the mapper an app is given reads its bodies and writes
 * every answer it makes (returned values, {@code Response.json}, exception handlers' and middleware's
 * answers), and a second app in the same JVM keeps Brisk's default.
 */
class AppJsonTest {
    record NewItem(String itemName, double unitPrice) {}

    static final class Refused extends RuntimeException {}

    /** A controller declares its body, so /docs shows it. */
    public static final class Items {
        @dev.brisk.annotation.Post("/ctl")
        public NewItem create(NewItem item) {
            return item;
        }
    }

    static Brisk app(Json json) {
        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1).json(json));
        app.post("/value", worker(req -> req.bodyAs(NewItem.class)));
        app.post("/response", worker(req -> Response.json(req.bodyAs(NewItem.class)).withStatus(201)));
        app.get("/refused", worker(req -> { throw new Refused(); }));
        app.exceptionHandler(Refused.class, (req, e) -> Response.json(Map.of("why", new NewItem("x", 1))).withStatus(409));
        app.addMiddleware((req, next) -> req.path().equals("/short")
                ? CompletableFuture.completedFuture(Response.json(new NewItem("mw", 2)))
                : next.call());
        app.get("/short", loopSafe(req -> "unreached"));
        app.include(new Items());
        return app;
    }

    static Json snakeCase() {
        return new Json(Json.defaultMapperBuilder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
    }

    @Test
    void anAppsMapperReadsAndWritesEverything() {
        try (BriskTestClient snake = BriskTestClient.inProcess(app(snakeCase()));
             BriskTestClient plain = BriskTestClient.inProcess(app(Json.defaultCodec()))) {
            snake.post("/value").json(Map.of("item_name", "Foo", "unit_price", 2.5)).send()
                    .assertStatus(200).assertJson(Map.of("item_name", "Foo", "unit_price", 2.5));
            snake.post("/response").json(Map.of("item_name", "Foo", "unit_price", 2.5)).send()
                    .assertStatus(201).assertJson(Map.of("item_name", "Foo", "unit_price", 2.5));
            snake.post("/ctl").json(Map.of("item_name", "Bar", "unit_price", 1)).send()
                    .assertStatus(200).assertJson(Map.of("item_name", "Bar", "unit_price", 1.0));
            snake.get("/refused").assertStatus(409).assertJson("why.item_name", "x");
            snake.get("/short").assertStatus(200).assertJson("item_name", "mw");

            plain.post("/response").json(Map.of("itemName", "Foo", "unitPrice", 2.5)).send()
                    .assertStatus(201).assertJson(Map.of("itemName", "Foo", "unitPrice", 2.5));
            plain.get("/refused").assertStatus(409).assertJson("why.itemName", "x");
            plain.get("/short").assertStatus(200).assertJson("itemName", "mw");
            // The snake_case app does not read camelCase: the field is missing, a 422 naming it.
            snake.post("/value").json(Map.of("itemName", "Foo", "unitPrice", 2.5)).send()
                    .assertStatus(422).assertJson("detail[0].loc", java.util.List.of("body", "item_name"));
            // /docs describes what each app reads
            assertThat(snake.get("/openapi.json").send().json("components.schemas.NewItem.required"))
                    .isEqualTo(java.util.List.of("item_name", "unit_price"));
            assertThat(plain.get("/openapi.json").send().json("components.schemas.NewItem.required"))
                    .isEqualTo(java.util.List.of("itemName", "unitPrice"));
        }
    }

    @Test
    void outsideAnAppTheDefaultMapperWritesAndEncodedWithChoosesAnother() {
        Response r = Response.json(new NewItem("Foo", 1));
        assertThat(r.bodyText()).isEqualTo("{\"itemName\":\"Foo\",\"unitPrice\":1.0}");
        // sample:encodedWith
        Json compact = new Json(Json.defaultMapperBuilder().build());
        byte[] bytes = Response.json(Map.of("a", 1)).encodedWith(compact).body();
        // end
        assertThat(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(r.encodedWith(snakeCase()).bodyText()).isEqualTo("{\"item_name\":\"Foo\",\"unit_price\":1.0}");
        assertThat(r.withStatus(201).withHeader("X-A", "1").encodedWith(snakeCase()).bodyText()).contains("item_name");
        assertThat(Response.text("x").encodedWith(snakeCase()).bodyText()).isEqualTo("x");
    }

    record Aliased(@com.fasterxml.jackson.annotation.JsonProperty("ID") int id, String longName) {}

    @Test
    void anExplicitPropertyNameWinsOverTheStrategy() {
        var comps = Aliased.class.getRecordComponents();
        assertThat(snakeCase().propertyName(comps[0])).isEqualTo("ID");
        assertThat(snakeCase().propertyName(comps[1])).isEqualTo("long_name");
        assertThat(Json.defaultCodec().propertyName(comps[1])).isEqualTo("longName");
    }
}
