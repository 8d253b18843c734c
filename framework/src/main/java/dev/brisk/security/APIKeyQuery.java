package dev.brisk.security;

import dev.brisk.Request;

/**
 * FastAPI's {@code APIKeyQuery}: the API key in the query named {@link #name()}; 403
 * {@code "Not authenticated"} without it (or {@code null} with {@code autoError(false)}).
 *
 * <pre>{@code
 * app.dependency(APIKeyQuery.class, APIKeyQuery.named("api_key"));
 * @Get("/report") public Report report(@Depends(APIKeyQuery.class) String key) { ... }
 * }</pre>
 */
public non-sealed class APIKeyQuery extends APIKey {
    public APIKeyQuery(String name) {
        super(name);
    }

    public static APIKeyQuery named(String name) {
        return new APIKeyQuery(name);
    }

    @Override public APIKeyQuery schemeName(String name) { super.schemeName(name); return this; }
    @Override public APIKeyQuery description(String text) { super.description(text); return this; }
    @Override public APIKeyQuery autoError(boolean value) { super.autoError(value); return this; }

    @Override
    String in() {
        return "query";
    }

    @Override
    String value(Request request) {
        return request.queryParam(name());
    }
}
