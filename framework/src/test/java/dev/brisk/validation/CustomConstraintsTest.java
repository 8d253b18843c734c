package dev.brisk.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.annotation.Body;
import dev.brisk.annotation.Post;
import dev.brisk.annotation.Query;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Constraints Brisk does not compile itself go through Hibernate Validator (bootstrapped without EL):
 * custom constraints on record components, on the record class, on parameters; and a record's compact
 * constructor check. They answer pydantic's {@code value_error}.
 */
class CustomConstraintsTest {
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE_USE})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = EvenValidator.class)
    public @interface Even {
        String message() default "must be even";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    public static final class EvenValidator implements ConstraintValidator<Even, Integer> {
        @Override
        public boolean isValid(Integer value, ConstraintValidatorContext context) {
            return value == null || value % 2 == 0;
        }
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = RangeValidator.class)
    public @interface OrderedRange {
        String message() default "start must not be after end";
        Class<?>[] groups() default {};
        Class<? extends Payload>[] payload() default {};
    }

    public static final class RangeValidator implements ConstraintValidator<OrderedRange, Range> {
        @Override
        public boolean isValid(Range r, ConstraintValidatorContext context) {
            return r == null || r.start() <= r.end();
        }
    }

    @OrderedRange
    public record Range(int start, int end, @Even int step) {}

    public record Positive2(int value) {
        public Positive2 {
            if (value < 0) throw new IllegalArgumentException("value must not be negative");
        }
    }

    public static final class Api {
        @Post("/range")
        public Map<String, Object> range(@Body Range r) {
            return Map.of("start", r.start());
        }

        @Post("/even")
        public Map<String, Object> even(@Query @Even int n) {
            return Map.of("n", n);
        }

        @Post("/compact")
        public Map<String, Object> compact(@Body Positive2 p) {
            return Map.of("value", p.value());
        }
    }

    static Brisk app;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = Brisk.create(new BriskConfig().port(0).loops(1)).include(new Api());
        app.start();
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    static HttpResponse<String> post(String uri, String json) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(app.url() + uri)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void customFieldAndClassConstraintsAreValueErrors() throws Exception {
        HttpResponse<String> r = post("/range", "{\"start\":5,\"end\":1,\"step\":3}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).isEqualTo("{\"detail\":["
                + "{\"type\":\"value_error\",\"loc\":[\"body\",\"step\"],\"msg\":\"Value error, must be even\",\"input\":3,\"ctx\":{\"error\":\"must be even\"}},"
                + "{\"type\":\"value_error\",\"loc\":[\"body\"],\"msg\":\"Value error, start must not be after end\",\"input\":{\"start\":5,\"end\":1,\"step\":3},\"ctx\":{\"error\":\"start must not be after end\"}}]}");
        assertThat(post("/range", "{\"start\":1,\"end\":5,\"step\":2}").body()).isEqualTo("{\"start\":1}");
    }

    @Test
    void customParameterConstraintUsesExecutableValidation() throws Exception {
        HttpResponse<String> r = post("/even?n=3", "");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).isEqualTo("{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"query\",\"n\"],\"msg\":\"Value error, must be even\","
                + "\"input\":3,\"ctx\":{\"error\":\"must be even\"}}]}");
        assertThat(post("/even?n=4", "").body()).isEqualTo("{\"n\":4}");
    }

    @Test
    void compactConstructorCheckIsAValueError() throws Exception {
        HttpResponse<String> r = post("/compact", "{\"value\":-1}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).isEqualTo("{\"detail\":[{\"type\":\"value_error\",\"loc\":[\"body\"],\"msg\":\"Value error, value must not be negative\","
                + "\"input\":{\"value\":-1},\"ctx\":{\"error\":\"value must not be negative\"}}]}");
    }
}
