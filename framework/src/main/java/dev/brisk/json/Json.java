package dev.brisk.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.io.OutputStream;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.PropertyNamingStrategy;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brisk's JSON codec: one immutable Jackson 3 mapper, built once. Encodes handler results and error
 * bodies. {@link #defaultCodec()} is shared by every app that does not bring its own mapper.
 *
 * <pre>{@code
 * byte[] bytes = Json.defaultCodec().encode(Map.of("message", "Hello, World!"));
 * }</pre>
 */
public final class Json {
    private static final Json DEFAULT = new Json(defaultMapperBuilder().build());

    private final JsonMapper mapper;

    public Json(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The mapper settings Brisk starts from: ISO dates, no failure on empty beans or unknown fields, and
     * pydantic's strictness for strings: a JSON number or boolean is not silently turned into a
     * {@code String} (it fails, and the request gets a 422 {@code string_type}).
     */
    public static JsonMapper.Builder defaultMapperBuilder() {
        return JsonMapper.builder(JsonFactory.builder().recyclerPool(LoopRecyclerPool.INSTANCE).build())
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

    public static Json defaultCodec() {
        return DEFAULT;
    }

    public JsonMapper mapper() {
        return mapper;
    }

    /** Encodes {@code value} (which may be {@code null}: {@code null} is valid JSON) as UTF-8 bytes. */
    public byte[] encode(Object value) {
        return mapper.writeValueAsBytes(value);
    }

    /** Encodes straight into a stream, avoiding an intermediate array. */
    public void encode(Object value, OutputStream out) throws IOException {
        mapper.writeValue(out, value);
    }

    /**
     * The JSON name this codec reads and writes for a record component: its {@code @JsonProperty}
     * value if it has one, else its Java name through the mapper's naming strategy. Brisk's validation
     * (422 locations), body binding and OpenAPI schemas use it, so they agree with what the mapper writes.
     *
     * <pre>{@code
     * record Item(String itemName) {}
     * Json snake = new Json(Json.defaultMapperBuilder()
     *         .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build());
     * snake.propertyName(Item.class.getRecordComponents()[0]);   // "item_name"
     * }</pre>
     */
    public String propertyName(RecordComponent component) {
        JsonProperty alias = component.getAccessor().getAnnotation(JsonProperty.class);
        if (alias != null && !alias.value().isEmpty()) return alias.value();
        PropertyNamingStrategy naming = mapper.serializationConfig().getPropertyNamingStrategy();
        if (naming == null) return component.getName();
        // Jackson's own strategies translate the name alone; a custom one is given the config, and no
        // member (Brisk does not build Jackson's introspection model for this).
        return naming.nameForField(mapper.serializationConfig(), null, component.getName());
    }

    public <T> T decode(byte[] json, Class<T> type) {
        return mapper.readValue(json, type);
    }
}
