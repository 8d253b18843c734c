package dev.brisk.security;

import dev.brisk.Request;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the two OAuth2 bearer schemes share: the 401 answer and the {@code oauth2} model. */
final class OAuth2Flows {
    private OAuth2Flows() {}

    static final Map<String, String> BEARER_CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

    static String bearer(SecurityScheme<String> scheme, Request request) {
        String header = request.header("authorization");
        String[] parts = SecurityScheme.authorization(header);
        if (header == null || header.isEmpty() || !parts[0].equalsIgnoreCase("bearer")) {
            return scheme.missing(401, BEARER_CHALLENGE);
        }
        return parts[1];
    }

    static Map<String, Object> model(String flowName, Map<String, Object> flow, String description) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "oauth2");
        model.put("flows", Map.of(flowName, flow));
        return SecurityScheme.withDescription(model, description);
    }
}
