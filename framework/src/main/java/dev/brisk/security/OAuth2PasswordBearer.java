package dev.brisk.security;

import dev.brisk.Request;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FastAPI's {@code OAuth2PasswordBearer}: the token of an {@code Authorization: Bearer <token>} header;
 * without one, 401 {@code {"detail":"Not authenticated"}} with {@code WWW-Authenticate: Bearer}. OpenAPI
 * documents the OAuth2 password flow, so Swagger UI's <em>Authorize</em> asks for a user name and a
 * password and posts them to {@code tokenUrl} (relative URLs are resolved against the document).
 *
 * <pre>{@code
 * OAuth2PasswordBearer oauth2 = OAuth2PasswordBearer.tokenUrl("token")
 *         .scopes(Map.of("me", "Read information about the current user.", "items", "Read items."));
 * app.dependency(OAuth2PasswordBearer.class, oauth2);
 * @Get("/items") public List<Item> items(@Depends(OAuth2PasswordBearer.class) String token) { ... }
 * }</pre>
 */
public class OAuth2PasswordBearer extends SecurityScheme<String> {
    private final String tokenUrl;
    private Map<String, String> scopes = Map.of();

    public OAuth2PasswordBearer(String tokenUrl) {
        this.tokenUrl = java.util.Objects.requireNonNull(tokenUrl, "tokenUrl");
    }

    public static OAuth2PasswordBearer tokenUrl(String tokenUrl) {
        return new OAuth2PasswordBearer(tokenUrl);
    }

    /** The scopes the token endpoint grants, name → description, shown in Swagger UI's dialog. */
    public OAuth2PasswordBearer scopes(Map<String, String> available) {
        this.scopes = new LinkedHashMap<>(available);
        return this;
    }

    @Override public OAuth2PasswordBearer schemeName(String name) { super.schemeName(name); return this; }
    @Override public OAuth2PasswordBearer description(String text) { super.description(text); return this; }
    @Override public OAuth2PasswordBearer autoError(boolean value) { super.autoError(value); return this; }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> flow = new LinkedHashMap<>();
        flow.put("scopes", scopes);
        flow.put("tokenUrl", tokenUrl);
        return OAuth2Flows.model("password", flow, description());
    }

    @Override
    protected String read(Request request) {
        return OAuth2Flows.bearer(this, request);
    }
}
