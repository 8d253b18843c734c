package dev.brisk.client;

import dev.brisk.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response received by {@link BriskHttpClient}.
 *
 * @param status the HTTP status
 * @param headers response headers, names in lower case
 * @param body the body bytes
 */
public record ClientResponse(int status, Map<String, List<String>> headers, byte[] body) {

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON. */
    public <T> T json(Class<T> type) {
        return Json.defaultCodec().decode(body, type);
    }

    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
