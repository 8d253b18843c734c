package dev.brisk.security;

import dev.brisk.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * FastAPI's {@code APIKeyHeader}/{@code APIKeyQuery}/{@code APIKeyCookie}: a key read from one named
 * header, query parameter or cookie; without it, 403 {@code "Not authenticated"}. Use the three
 * subclasses; subclass one of them to key two schemes of the same kind apart.
 *
 * <pre>{@code
 * app.dependency(APIKeyHeader.class, APIKeyHeader.named("x-api-key"));
 * @Get("/report") public Report report(@Depends(APIKeyHeader.class) String key) { ... }
 * }</pre>
 */
public abstract sealed class APIKey extends SecurityScheme<String> permits APIKeyHeader, APIKeyQuery, APIKeyCookie {
    private final String name;

    APIKey(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The header, query parameter or cookie name. */
    public String name() {
        return name;
    }

    /** {@code header}, {@code query} or {@code cookie}. */
    abstract String in();

    abstract String value(Request request);

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "apiKey");
        model.put("in", in());
        model.put("name", name);
        return withDescription(model, description());
    }

    @Override
    protected String read(Request request) {
        String key = value(request);
        return key == null || key.isEmpty() ? missing(403, Map.of()) : key;
    }
}
