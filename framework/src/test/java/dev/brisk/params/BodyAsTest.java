package dev.brisk.params;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import jakarta.validation.constraints.Min;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code Request.bodyAs} reports bad bodies as FastAPI does (422), never as a 500. */
class BodyAsTest {
    record Item(String name, @Min(1) int qty) {}

    @Test
    void goodBadAndInvalidBodies() {
        Brisk app = Brisk.create(new BriskConfig().port(0));
        app.post("/items", worker(req -> Map.of("item", req.bodyAs(Item.class))));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.post("/items").json(Map.of("name", "a", "qty", 2)).send()
                    .assertStatus(200).assertJson("item.name", "a").assertJson("item.qty", 2);
            client.post("/items").body("{\"name\": ", "application/json").send()
                    .assertStatus(422).assertJson("detail[0].type", "json_invalid").assertJson("detail[0].loc[0]", "body");
            client.post("/items").json(Map.of("name", "a", "qty", 0)).send()
                    .assertStatus(422).assertJson("detail[0].type", "greater_than_equal")
                    .assertJson("detail[0].loc[1]", "qty");
            client.post("/items").json(Map.of("name", 5, "qty", 1)).send()
                    .assertStatus(422).assertJson("detail[0].type", "string_type");
        }
    }
}
