package dev.brisk.examples.seed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Lane;
import dev.brisk.params.RoutePlan;
import dev.brisk.params.Source;
import dev.brisk.routing.Route;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed contract's {@code /items/{item_id}} in the typed style: same JSON, FastAPI's 422, loop lane. */
class ItemsControllerTest {
    static Brisk app;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = SeedApp.create(new BriskConfig().port(0).loops(1), SeedOptions.defaults());
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(app.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void contractJsonIsUnchanged() throws Exception {
        assertThat(get("/items/1").body()).isEqualTo("{\"item_id\":1,\"q\":null,\"limit\":10}");
        assertThat(get("/items/5?q=abc&limit=3").body()).isEqualTo("{\"item_id\":5,\"q\":\"abc\",\"limit\":3}");
    }

    @Test
    void badItemIdAndLimitAreOne422WithBothErrors() throws Exception {
        HttpResponse<String> r = get("/items/foo?limit=x");
        assertThat(r.statusCode()).isEqualTo(422);
        String intMsg = "Input should be a valid integer, unable to parse string as an integer";
        assertThat(r.body()).isEqualTo("{\"detail\":["
                + "{\"type\":\"int_parsing\",\"loc\":[\"path\",\"item_id\"],\"msg\":\"" + intMsg + "\",\"input\":\"foo\"},"
                + "{\"type\":\"int_parsing\",\"loc\":[\"query\",\"limit\"],\"msg\":\"" + intMsg + "\",\"input\":\"x\"}]}");
    }

    @Test
    void runsOnTheLoopAndExposesItsPlan() {
        Route route = app.routes().stream().filter(r -> r.template().equals("/items/{item_id}")).findFirst().orElseThrow();
        assertThat(route.lane()).isEqualTo(Lane.LOOP);
        RoutePlan plan = route.extension(RoutePlan.class);
        assertThat(plan.params()).extracting(p -> p.source() + " " + p.name())
                .containsExactly("PATH item_id", "QUERY q", "QUERY limit");
        assertThat(plan.params(Source.QUERY).get(1).defaultValue()).isEqualTo("10");
    }
}
