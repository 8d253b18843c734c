package dev.brisk.security;

import dev.brisk.HttpException;
import dev.brisk.Request;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FastAPI's {@code HTTPBasic}: {@code Authorization: Basic base64(user:password)} as
 * {@link HTTPBasicCredentials}. Without it: 401 {@code "Not authenticated"} with
 * {@code WWW-Authenticate: Basic} (or {@code Basic realm="..."}), so a browser shows its login dialog;
 * undecodable credentials: 401 {@code "Invalid authentication credentials"}.
 *
 * <pre>{@code
 * app.dependency(HTTPBasic.class, new HTTPBasic().realm("admin"));
 * @Get("/admin") public String admin(@Depends(HTTPBasic.class) HTTPBasicCredentials c) { ... }
 * }</pre>
 */
public class HTTPBasic extends SecurityScheme<HTTPBasicCredentials> {
    private String realm;

    public HTTPBasic() {}

    public HTTPBasic realm(String value) {
        if (value != null && (value.indexOf('"') >= 0 || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f))) {
            throw new IllegalArgumentException("a realm cannot hold quotes or control characters: " + value);
        }
        this.realm = value;
        return this;
    }

    @Override public HTTPBasic schemeName(String name) { super.schemeName(name); return this; }
    @Override public HTTPBasic description(String text) { super.description(text); return this; }
    @Override public HTTPBasic autoError(boolean value) { super.autoError(value); return this; }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "http");
        model.put("scheme", "basic");
        return withDescription(model, description());
    }

    @Override
    protected HTTPBasicCredentials read(Request request) {
        Map<String, String> challenge = Map.of("WWW-Authenticate", realm == null || realm.isEmpty() ? "Basic" : "Basic realm=\"" + realm + "\"");
        String header = request.header("authorization");
        String[] parts = authorization(header);
        if (header == null || header.isEmpty() || !parts[0].equalsIgnoreCase("basic")) return missing(401, challenge);
        String data;
        try {
            // FastAPI decodes as ASCII and rejects anything else
            data = StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(parts[1].trim()))).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new HttpException(401, "Invalid authentication credentials", challenge);
        }
        int colon = data.indexOf(':');
        if (colon < 0) throw new HttpException(401, "Invalid authentication credentials", challenge);
        return new HTTPBasicCredentials(data.substring(0, colon), data.substring(colon + 1));
    }
}
