package dev.brisk.testing;

import java.util.Locale;
import java.util.Map;

/**
 * A response read off a {@link RawConnection}: the status code, the headers (names in lower case, the
 * last value of a repeated header) and the body as UTF-8 text, de-chunked.
 *
 * <pre>{@code
 * RawResponse r = raw.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n").read();
 * assert r.status() == 200 && r.header("Content-Type").startsWith("application/json");
 * }</pre>
 */
public record RawResponse(int status, Map<String, String> headers, String body) {
    /** A header's value, by case-insensitive name; {@code null} if absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
