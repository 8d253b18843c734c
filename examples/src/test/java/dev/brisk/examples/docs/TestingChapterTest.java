package dev.brisk.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tutorial chapter 9, "Testing": the tutorial quotes this test. */
class TestingChapterTest {
    // docs:begin testing
    @Test
    void createAndReadItems() {
        try (BriskTestClient client = BriskTestClient.start(Bodies.app(new BriskConfig()))) {
            client.post("/items/").json(Map.of("name", "Foo", "price", 35.4)).send()
                    .assertStatus(201)
                    .assertJson("name", "Foo")
                    .assertJson("price", 35.4);
            client.post("/items/").json(Map.of("name", "", "price", -1)).send()
                    .assertStatus(422)
                    .assertJson("detail[0].loc[1]", "name")
                    .assertJson("detail[1].type", "greater_than");
        }
    }
    // docs:end

    @Test
    void theTestClientTalksRealHttpOnAFreePort() {
        try (BriskTestClient client = BriskTestClient.start(FirstSteps.app(new BriskConfig().port(8000)))) {
            assertThat(client.get("/").send().assertStatus(200).text()).isEqualTo("{\"message\":\"Hello World\"}");
        }
    }
}
