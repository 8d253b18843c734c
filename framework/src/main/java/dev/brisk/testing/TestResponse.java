package dev.brisk.testing;

import dev.brisk.json.Json;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A response received by {@link BriskTestClient}, with fluent assertions that fail with an
 * {@link AssertionError} showing the status and body.
 *
 * <pre>{@code
 * client.get("/items/1?q=x")
 *       .assertStatus(200)
 *       .assertHeader("content-type", "application/json")
 *       .assertJson("item_id", 1)
 *       .assertJson("q", "x");
 * client.get("/items/abc").assertStatus(422).assertJson("detail[0].type", "int_parsing");
 * }</pre>
 *
 * <p>JSON paths are dotted keys with list indices as {@code [i]} or {@code .i}; the empty path is the
 * whole document. Numbers compare by value ({@code 1}, {@code 1L} and {@code 1.0} are equal), and an
 * expected record or map is compared as the JSON it encodes to.
 */
public final class TestResponse {
    private final int status;
    private final HttpHeaders headers;
    private final byte[] body;
    private final Json json;
    private Object decoded;
    private boolean isDecoded;

    TestResponse(int status, HttpHeaders headers, byte[] body, Json json) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.json = json;
    }

    public int status() {
        return status;
    }

    /** The first value of a header (case-insensitive), or {@code null}. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** All values of a header. */
    public List<String> headers(String name) {
        return headers.allValues(name);
    }

    /** Every header, names in lower case. */
    public Map<String, List<String>> headers() {
        return headers.map();
    }

    public byte[] bytes() {
        return body;
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body decoded as JSON into maps, lists, numbers, strings, booleans and {@code null}. */
    public Object json() {
        if (!isDecoded) {
            try {
                decoded = json.decode(body, Object.class);
            } catch (RuntimeException e) {
                throw new AssertionError("body is not JSON (status " + status + "): " + preview(), e);
            }
            isDecoded = true;
        }
        return decoded;
    }

    /** The JSON value at {@code path}; fails if the path does not exist. */
    public Object json(String path) {
        Object v = JsonValues.at(json(), path);
        if (JsonValues.isMissing(v)) fail("no JSON value at '" + path + "'");
        return v;
    }

    /** The body decoded into {@code type} with Brisk's mapper. */
    public <T> T as(Class<T> type) {
        return json.decode(body, type);
    }

    public TestResponse assertStatus(int expected) {
        if (status != expected) fail("expected status " + expected + " but was " + status);
        return this;
    }

    /** Asserts the first value of {@code name} equals {@code expected} ({@code null}: the header is absent). */
    public TestResponse assertHeader(String name, String expected) {
        String actual = header(name);
        if (expected == null ? actual != null : !expected.equals(actual)) {
            fail("expected header " + name + ": " + expected + " but was " + actual);
        }
        return this;
    }

    /** Asserts the header is absent. */
    public TestResponse assertNoHeader(String name) {
        return assertHeader(name, null);
    }

    /** Asserts the JSON value at {@code path} equals {@code expected}. */
    public TestResponse assertJson(String path, Object expected) {
        Object actual = json(path);
        Object want = expected == null ? null : json.mapper().convertValue(expected, Object.class);
        if (!JsonValues.same(actual, want)) fail("at '" + path + "' expected " + want + " but was " + actual);
        return this;
    }

    /** Asserts the whole JSON body equals {@code expected}. */
    public TestResponse assertJson(Object expected) {
        return assertJson("", expected);
    }

    /** Asserts the body text. */
    public TestResponse assertBody(String expected) {
        if (!expected.equals(text())) fail("expected body " + expected);
        return this;
    }

    /** Asserts the body text contains {@code part}. */
    public TestResponse assertBodyContains(String part) {
        if (!text().contains(part)) fail("expected the body to contain " + part);
        return this;
    }

    private void fail(String message) {
        throw new AssertionError(message + "\n  status " + status + ", body: " + preview());
    }

    private String preview() {
        String t = text();
        return t.length() > 2000 ? t.substring(0, 2000) + "…" : t;
    }

    @Override
    public String toString() {
        return "TestResponse[" + status + ", " + body.length + " bytes]";
    }
}
