package dev.brisk.json;

import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.json.JsonFactory;
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

    public <T> T decode(byte[] json, Class<T> type) {
        return mapper.readValue(json, type);
    }
}
