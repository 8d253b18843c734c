package dev.brisk.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A request being built by {@link BriskTestClient}; {@link #send()} sends it. The assertion shortcuts
 * ({@link #assertStatus} …) send it too, so a plain call reads as one line.
 *
 * <pre>{@code
 * client.get("/items/1").assertStatus(200);
 * TestResponse r = client.post("/items")
 *         .json(Map.of("name", "Foo", "price", 42))
 *         .header("X-Token", "secret")
 *         .cookie("session", "abc")
 *         .send();
 * }</pre>
 *
 * <p>{@code Host}, {@code Connection}, {@code Content-Length}, {@code Expect} and {@code Upgrade} are
 * the client's (the JDK client refuses them in port-bound mode); everything else may be set. For
 * hand-made or malformed requests use {@link BriskTestClient#raw()}.
 */
public final class TestRequest {
    private final BriskTestClient client;
    private final String method;
    private final String path;
    private final List<String[]> headers = new ArrayList<>();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final StringJoiner query = new StringJoiner("&");
    private byte[] body;
    private Duration timeout = Duration.ofSeconds(30);
    private boolean followRedirects = true;
    private List<Part> parts;

    TestRequest(BriskTestClient client, String method, String path) {
        this.client = client;
        this.method = method;
        this.path = path;
    }

    /** Adds a header (repeatable). */
    public TestRequest header(String name, String value) {
        headers.add(new String[] {name, value});
        return this;
    }

    /** Sends a cookie with this request (on top of those the client keeps from earlier responses). */
    public TestRequest cookie(String name, String value) {
        cookies.put(name, value);
        return this;
    }

    /** Adds a query parameter, percent-encoded (repeatable: {@code query("tag","a").query("tag","b")}). */
    public TestRequest query(String name, Object value) {
        query.add(enc(name) + "=" + enc(String.valueOf(value)));
        return this;
    }

    /** A JSON body encoded with Brisk's mapper, with {@code Content-Type: application/json}. */
    public TestRequest json(Object value) {
        return body(client.json().encode(value), "application/json");
    }

    /** A raw body with a content type. */
    public TestRequest body(byte[] bytes, String contentType) {
        this.body = bytes;
        if (contentType != null) header("Content-Type", contentType);
        return this;
    }

    /** A text body with a content type. */
    public TestRequest body(String text, String contentType) {
        return body(text.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** An {@code application/x-www-form-urlencoded} body. */
    public TestRequest form(Map<String, ?> fields) {
        StringJoiner j = new StringJoiner("&");
        fields.forEach((k, v) -> j.add(enc(k) + "=" + enc(String.valueOf(v))));
        return body(j.toString(), "application/x-www-form-urlencoded");
    }

    /**
     * Adds a {@code multipart/form-data} text field; with {@link #file} it makes the body a multipart
     * form (FastAPI's {@code Form()} and {@code UploadFile}).
     *
     * <pre>{@code
     * client.post("/files").field("token", "abc").file("upload", "a.txt", "text/plain", bytes).send();
     * }</pre>
     */
    public TestRequest field(String name, String value) {
        parts().add(new Part(name, null, null, value.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** Adds a file part to a {@code multipart/form-data} body. */
    public TestRequest file(String name, String filename, String contentType, byte[] content) {
        parts().add(new Part(name, filename, contentType, content));
        return this;
    }

    private List<Part> parts() {
        if (parts == null) parts = new ArrayList<>();
        return parts;
    }

    private record Part(String name, String filename, String contentType, byte[] content) {}

    private void encodeMultipart() {
        String boundary = "brisk-" + Long.toHexString(System.nanoTime()) + Long.toHexString(Double.doubleToLongBits(Math.random()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Part p : parts) {
            StringBuilder h = new StringBuilder("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(p.name()).append('"');
            if (p.filename() != null) h.append("; filename=\"").append(p.filename()).append('"');
            h.append("\r\n");
            if (p.contentType() != null) h.append("Content-Type: ").append(p.contentType()).append("\r\n");
            h.append("\r\n");
            out.writeBytes(h.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(p.content());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        body(out.toByteArray(), "multipart/form-data; boundary=" + boundary);
    }

    /** How long to wait for the answer (default 30 s). */
    public TestRequest timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    /** Whether to follow redirects (default true, like Starlette's TestClient). */
    public TestRequest followRedirects(boolean value) {
        this.followRedirects = value;
        return this;
    }

    /** Sends the request and waits for the whole response. */
    public TestResponse send() {
        if (parts != null && body == null) encodeMultipart();
        String target = path + (query.length() == 0 ? "" : (path.contains("?") ? "&" : "?") + query);
        List<String[]> all = new ArrayList<>(headers);
        if (!cookies.isEmpty()) {
            StringJoiner c = new StringJoiner("; ");
            cookies.forEach((k, v) -> c.add(k + "=" + v));
            all.add(new String[] {"Cookie", c.toString()});
        }
        return client.exchange(method, target, all, body, timeout, followRedirects);
    }

    /**
     * Sends the request from a new virtual thread and returns at once: for tests that need requests in
     * flight together (a slot held while another is refused, a slow request that must survive a
     * shutdown). The stage fails with the {@link AssertionError} {@link #send()} would throw.
     *
     * <pre>{@code
     * CompletableFuture<TestResponse> slow = client.get("/slow").sendAsync();
     * client.get("/slow").assertStatus(503);            // the one in-flight slot is taken
     * assertEquals(200, slow.get(10, SECONDS).status());
     * }</pre>
     */
    public java.util.concurrent.CompletableFuture<TestResponse> sendAsync() {
        return java.util.concurrent.CompletableFuture.supplyAsync(this::send, task -> Thread.ofVirtual()
                .name("brisk-testclient-" + method + " " + path).start(task));
    }

    /** Sends, then asserts the status. */
    public TestResponse assertStatus(int expected) {
        return send().assertStatus(expected);
    }

    /** Sends, then asserts a JSON value at {@code path}. */
    public TestResponse assertJson(String path, Object expected) {
        return send().assertJson(path, expected);
    }

    /** Sends, then asserts the body text. */
    public TestResponse assertBody(String expected) {
        return send().assertBody(expected);
    }

    /** Sends, then asserts a header. */
    public TestResponse assertHeader(String name, String expected) {
        return send().assertHeader(name, expected);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
