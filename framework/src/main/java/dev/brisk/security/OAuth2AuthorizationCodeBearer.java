package dev.brisk.security;

import dev.brisk.Request;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * FastAPI's {@code OAuth2AuthorizationCodeBearer}: a bearer token obtained from an external
 * authorization server with the authorization-code flow (401 with {@code WWW-Authenticate: Bearer}
 * without one). OpenAPI documents the flow's URLs for Swagger UI.
 *
 * <pre>{@code
 * var sso = OAuth2AuthorizationCodeBearer.of("https://sso.example.com/authorize", "https://sso.example.com/token")
 *         .refreshUrl("https://sso.example.com/refresh").scopes(Map.of("openid", "Sign in"));
 * app.dependency(OAuth2AuthorizationCodeBearer.class, sso);
 * }</pre>
 */
public class OAuth2AuthorizationCodeBearer extends SecurityScheme<String> {
    private final String authorizationUrl;
    private final String tokenUrl;
    private String refreshUrl;
    private Map<String, String> scopes = Map.of();

    public OAuth2AuthorizationCodeBearer(String authorizationUrl, String tokenUrl) {
        this.authorizationUrl = Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        this.tokenUrl = Objects.requireNonNull(tokenUrl, "tokenUrl");
    }

    public static OAuth2AuthorizationCodeBearer of(String authorizationUrl, String tokenUrl) {
        return new OAuth2AuthorizationCodeBearer(authorizationUrl, tokenUrl);
    }

    public OAuth2AuthorizationCodeBearer refreshUrl(String url) {
        this.refreshUrl = url;
        return this;
    }

    public OAuth2AuthorizationCodeBearer scopes(Map<String, String> available) {
        this.scopes = new LinkedHashMap<>(available);
        return this;
    }

    @Override public OAuth2AuthorizationCodeBearer schemeName(String name) { super.schemeName(name); return this; }
    @Override public OAuth2AuthorizationCodeBearer description(String text) { super.description(text); return this; }
    @Override public OAuth2AuthorizationCodeBearer autoError(boolean value) { super.autoError(value); return this; }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> flow = new LinkedHashMap<>();
        if (refreshUrl != null) flow.put("refreshUrl", refreshUrl);
        flow.put("scopes", scopes);
        flow.put("authorizationUrl", authorizationUrl);
        flow.put("tokenUrl", tokenUrl);
        return OAuth2Flows.model("authorizationCode", flow, description());
    }

    @Override
    protected String read(Request request) {
        return OAuth2Flows.bearer(this, request);
    }
}
