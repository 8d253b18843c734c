package dev.brisk.openapi;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Serialises swagger-models objects as OpenAPI 3.1 JSON with Jackson 3, without swagger-core.
 * swagger-core's {@code Json31} exists to hide the models' 3.0/3.1 bookkeeping (spec version,
 * "example set" flags, boolean {@code exclusiveMinimum}); this does the same with mix-ins, and writes
 * {@link Schema} itself so that only JSON Schema 2020-12 keywords come out: {@code type} as a string or
 * an array, numeric {@code exclusiveMinimum}/{@code exclusiveMaximum}, no {@code nullable}.
 */
final class SpecJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .changeDefaultPropertyInclusion(v -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.NON_NULL))
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addMixIn(OpenAPI.class, OpenApiMixin.class)
            .addMixIn(Operation.class, OperationMixin.class)
            .addMixIn(MediaType.class, ExampleFlagMixin.class)
            .addMixIn(Parameter.class, ParameterMixin.class)
            .addMixIn(ApiResponse.class, ResponseMixin.class)
            .addModule(new SimpleModule("brisk-openapi").addSerializer(Schema.class, new SchemaWriter()))
            .build();

    private SpecJson() {}

    static byte[] encode(OpenAPI api) {
        return MAPPER.writeValueAsBytes(api);
    }

    /** A scheme's FastAPI-shaped description as the swagger model (whose enums print as their OpenAPI names). */
    static io.swagger.v3.oas.models.security.SecurityScheme securityScheme(Map<String, Object> model) {
        return MAPPER.convertValue(model, io.swagger.v3.oas.models.security.SecurityScheme.class);
    }

    static String pretty(OpenAPI api) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(api);
    }

    abstract static class ExtensionsMixin {
        @JsonAnyGetter
        abstract Map<String, Object> getExtensions();
    }

    /** The order FastAPI writes, which is also the order the specification lists the fields in. */
    @JsonPropertyOrder({"openapi", "info", "jsonSchemaDialect", "servers", "paths", "webhooks", "components",
        "security", "tags", "externalDocs"})
    abstract static class OpenApiMixin extends ExtensionsMixin {
        @JsonIgnore
        abstract SpecVersion getSpecVersion();
    }

    @JsonPropertyOrder({"tags", "summary", "description", "operationId", "parameters", "requestBody", "responses",
        "deprecated"})
    abstract static class OperationMixin extends ExtensionsMixin {}

    @JsonPropertyOrder({"description", "content"})
    abstract static class ResponseMixin extends ExtensionsMixin {}

    @JsonPropertyOrder({"name", "in", "description", "required", "deprecated", "schema"})
    abstract static class ParameterMixin extends ExampleFlagMixin {}

    abstract static class ExampleFlagMixin extends ExtensionsMixin {
        @JsonIgnore
        abstract boolean getExampleSetFlag();
    }

    /** Writes the JSON Schema keywords Brisk produces, in a fixed order. */
    static final class SchemaWriter extends ValueSerializer<Schema> {
        @Override
        public void serialize(Schema s, JsonGenerator g, SerializationContext ctxt) {
            g.writeStartObject();
            field(g, "$ref", s.get$ref());
            field(g, "title", s.getTitle());
            field(g, "description", s.getDescription());
            Set<String> types = s.getTypes();
            if (types != null && types.size() == 1) {
                g.writeStringProperty("type", types.iterator().next());
            } else if (types != null && !types.isEmpty()) {
                g.writeName("type");
                g.writePOJO(types);
            } else {
                field(g, "type", s.getType());
            }
            field(g, "format", s.getFormat());
            field(g, "enum", s.getEnum());
            field(g, "const", s.getConst());
            if (s.getDefault() != null) field(g, "default", s.getDefault());
            field(g, "minimum", s.getMinimum());
            field(g, "exclusiveMinimum", exclusive(s.getExclusiveMinimumValue(), s.getExclusiveMinimum(), s.getMinimum()));
            field(g, "maximum", s.getMaximum());
            field(g, "exclusiveMaximum", exclusive(s.getExclusiveMaximumValue(), s.getExclusiveMaximum(), s.getMaximum()));
            field(g, "multipleOf", s.getMultipleOf());
            field(g, "minLength", s.getMinLength());
            field(g, "maxLength", s.getMaxLength());
            field(g, "pattern", s.getPattern());
            field(g, "contentEncoding", s.getContentEncoding());
            field(g, "contentMediaType", s.getContentMediaType());
            field(g, "items", s.getItems());
            field(g, "minItems", s.getMinItems());
            field(g, "maxItems", s.getMaxItems());
            field(g, "uniqueItems", s.getUniqueItems());
            field(g, "properties", s.getProperties());
            field(g, "additionalProperties", s.getAdditionalProperties());
            field(g, "required", s.getRequired());
            field(g, "allOf", s.getAllOf());
            field(g, "anyOf", s.getAnyOf());
            field(g, "oneOf", s.getOneOf());
            field(g, "not", s.getNot());
            field(g, "readOnly", s.getReadOnly());
            field(g, "writeOnly", s.getWriteOnly());
            field(g, "deprecated", s.getDeprecated());
            field(g, "examples", s.getExamples());
            Map<String, Object> ext = s.getExtensions();
            if (ext != null) ext.forEach((k, v) -> field(g, k, v));
            g.writeEndObject();
        }

        /** 3.1 has only the numeric form; a 3.0-style boolean flag is turned into it. */
        private static BigDecimal exclusive(BigDecimal value, Boolean flag, BigDecimal bound) {
            if (value != null) return value;
            return Boolean.TRUE.equals(flag) ? bound : null;
        }

        private static void field(JsonGenerator g, String name, Object value) {
            if (value == null) return;
            g.writeName(name);
            g.writePOJO(value);
        }
    }
}
