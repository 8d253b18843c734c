package dev.brisk.security;

import dev.brisk.HttpException;
import dev.brisk.Request;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FastAPI's {@code HTTPBearer}: {@code Authorization: Bearer <token>} as {@link HTTPAuthorizationCredentials};
 * 403 {@code "Not authenticated"} without the header, 403 {@code "Invalid authentication credentials"}
 * for another scheme (FastAPI 0.92's answers: no {@code WWW-Authenticate}).
 *
 * <pre>{@code
 * app.dependency(HTTPBearer.class, new HTTPBearer().bearerFormat("JWT"));
 * @Get("/me") public User me(@Depends(HTTPBearer.class) HTTPAuthorizationCredentials auth) { ... }
 * }</pre>
 */
public class HTTPBearer extends SecurityScheme<HTTPAuthorizationCredentials> {
    private String bearerFormat;

    public HTTPBearer() {}

    /** A hint for clients, e.g. {@code JWT}; shown by Swagger UI. */
    public HTTPBearer bearerFormat(String format) {
        this.bearerFormat = format;
        return this;
    }

    @Override public HTTPBearer schemeName(String name) { super.schemeName(name); return this; }
    @Override public HTTPBearer description(String text) { super.description(text); return this; }
    @Override public HTTPBearer autoError(boolean value) { super.autoError(value); return this; }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> model = new LinkedHashMap<>();
        if (bearerFormat != null) model.put("bearerFormat", bearerFormat);
        model.put("scheme", "bearer");
        model.put("type", "http");
        return withDescription(model, description());
    }

    @Override
    protected HTTPAuthorizationCredentials read(Request request) {
        String header = request.header("authorization");
        String[] parts = authorization(header);
        if (header == null || parts[0].isEmpty() || parts[1].isEmpty()) return missing(403, Map.of());
        if (!parts[0].equalsIgnoreCase("bearer")) {
            if (!autoError()) return null;
            throw new HttpException(403, "Invalid authentication credentials");
        }
        return new HTTPAuthorizationCredentials(parts[0], parts[1]);
    }
}
