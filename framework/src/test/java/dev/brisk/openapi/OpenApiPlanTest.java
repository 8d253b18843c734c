package dev.brisk.openapi;

import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.validation.Constraint;
import dev.brisk.params.ParamSpec;
import dev.brisk.params.RoutePlan;
import dev.brisk.params.Source;
import dev.brisk.params.UploadFile;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parameters and request bodies come from the route's compiled {@link RoutePlan}. */
class OpenApiPlanTest {
    record Address(@Pattern(regexp = "[0-9]{5}") String zip, Optional<String> city) {}

    record Order(@NotNull Integer quantity, double price, Address shipTo, Optional<List<String>> notes) {}

    private Brisk app;

    @AfterEach
    void stop() {
        if (app != null) app.stop();
    }

    private static ParamSpec spec(String name, Source source, Type type, boolean required, String dflt,
                                  Constraint... constraints) {
        return new ParamSpec(name, name, source, type, required, dflt, List.of(constraints));
    }

    @Test
    void parametersAndBodyFollowThePlan() throws Exception {
        app = Brisk.create(new BriskConfig().port(0).loops(1).accessLog(false));
        app.post("/orders/{order_id}", worker(req -> Map.of())).extension(RoutePlan.class, new RoutePlan(List.of(
                spec("order_id", Source.PATH, int.class, true, null, new Constraint("minimum", BigDecimal.ONE)),
                spec("limit", Source.QUERY, int.class, false, "10", new Constraint("maximum", BigDecimal.valueOf(100)),
                        new Constraint("exclusiveMinimum", BigDecimal.ZERO)),
                spec("q", Source.QUERY, Optional.class, false, null, new Constraint("maxLength", 50)),
                spec("x-token", Source.HEADER, String.class, true, null, new Constraint("pattern", "^[a-z]+$")),
                spec("session", Source.COOKIE, String.class, false, null),
                spec("order", Source.BODY, Order.class, true, null)), "application/json"));
        app.post("/upload", worker(req -> Map.of())).extension(RoutePlan.class, new RoutePlan(List.of(
                spec("file", Source.FORM, UploadFile.class, true, null),
                spec("note", Source.FORM, String.class, false, "none", new Constraint("maxLength", 20))),
                "multipart/form-data"));
        app.start();
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(app.url() + "/openapi.json"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode op = JsonMapper.builder().build().readTree(body).at("/paths/~1orders~1{order_id}/post");
        JsonNode params = op.get("parameters");
        assertThat(params.size()).isEqualTo(5);
        assertThat(params.at("/0/schema/type").asString()).isEqualTo("integer");
        assertThat(params.at("/0/schema/minimum").asInt()).isEqualTo(1);
        assertThat(params.at("/0/required").asBoolean()).isTrue();
        assertThat(params.at("/1/in").asString()).isEqualTo("query");
        assertThat(params.at("/1/required").isMissingNode()).isTrue();
        assertThat(params.at("/1/schema/default").isIntegralNumber()).isTrue();
        assertThat(params.at("/1/schema/default").asInt()).isEqualTo(10);
        assertThat(params.at("/1/schema/exclusiveMinimum").isNumber()).isTrue();
        assertThat(params.at("/1/schema/title").asString()).isEqualTo("Limit");
        assertThat(params.at("/3/in").asString()).isEqualTo("header");
        assertThat(params.at("/3/schema/pattern").asString()).isEqualTo("^[a-z]+$");
        assertThat(params.at("/4/in").asString()).isEqualTo("cookie");
        assertThat(op.at("/requestBody/required").asBoolean()).isTrue();
        assertThat(op.at("/requestBody/content/application~1json/schema/$ref").asString())
                .isEqualTo("#/components/schemas/Order");
        assertThat(op.at("/responses/422/description").asString()).isEqualTo("Validation Error");
        JsonNode doc = JsonMapper.builder().build().readTree(body);
        JsonNode order = doc.at("/components/schemas/Order");
        assertThat(order.get("required").toString()).contains("quantity", "price", "shipTo").doesNotContain("notes");
        assertThat(order.at("/properties/shipTo/$ref").asString()).isEqualTo("#/components/schemas/Address");
        assertThat(order.at("/properties/notes/type").asString()).isEqualTo("array");
        assertThat(doc.at("/components/schemas/Address/properties/zip/pattern").asString()).isEqualTo("[0-9]{5}");
        assertThat(doc.at("/components/schemas/Address/required").toString()).isEqualTo("[\"zip\"]");
        JsonNode form = doc.at("/paths/~1upload/post/requestBody/content/multipart~1form-data/schema");
        assertThat(form.at("/properties/file/format").asString()).isEqualTo("binary");
        assertThat(form.at("/properties/note/maxLength").asInt()).isEqualTo(20);
        assertThat(form.at("/required").toString()).isEqualTo("[\"file\"]");
    }
}
