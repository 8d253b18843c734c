package dev.brisk.security;

import dev.brisk.Request;

/**
 * FastAPI's {@code APIKeyCookie}: the API key in the cookie named {@link #name()}; 403
 * {@code "Not authenticated"} without it (or {@code null} with {@code autoError(false)}).
 *
 * <pre>{@code
 * app.dependency(APIKeyCookie.class, APIKeyCookie.named("api_key"));
 * @Get("/report") public Report report(@Depends(APIKeyCookie.class) String key) { ... }
 * }</pre>
 */
public non-sealed class APIKeyCookie extends APIKey {
    public APIKeyCookie(String name) {
        super(name);
    }

    public static APIKeyCookie named(String name) {
        return new APIKeyCookie(name);
    }

    @Override public APIKeyCookie schemeName(String name) { super.schemeName(name); return this; }
    @Override public APIKeyCookie description(String text) { super.description(text); return this; }
    @Override public APIKeyCookie autoError(boolean value) { super.autoError(value); return this; }

    @Override
    String in() {
        return "cookie";
    }

    @Override
    String value(Request request) {
        return request.cookie(name());
    }
}
