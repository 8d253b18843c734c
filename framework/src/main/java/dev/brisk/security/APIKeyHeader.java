package dev.brisk.security;

import dev.brisk.Request;

/**
 * FastAPI's {@code APIKeyHeader}: the API key in the header named {@link #name()}; 403
 * {@code "Not authenticated"} without it (or {@code null} with {@code autoError(false)}).
 *
 * <pre>{@code
 * app.dependency(APIKeyHeader.class, APIKeyHeader.named("api_key"));
 * @Get("/report") public Report report(@Depends(APIKeyHeader.class) String key) { ... }
 * }</pre>
 */
public non-sealed class APIKeyHeader extends APIKey {
    public APIKeyHeader(String name) {
        super(name);
    }

    public static APIKeyHeader named(String name) {
        return new APIKeyHeader(name);
    }

    @Override public APIKeyHeader schemeName(String name) { super.schemeName(name); return this; }
    @Override public APIKeyHeader description(String text) { super.description(text); return this; }
    @Override public APIKeyHeader autoError(boolean value) { super.autoError(value); return this; }

    @Override
    String in() {
        return "header";
    }

    @Override
    String value(Request request) {
        return request.header(name());
    }
}
