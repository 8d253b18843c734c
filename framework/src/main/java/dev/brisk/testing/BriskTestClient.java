package dev.brisk.testing;

import dev.brisk.Brisk;
import dev.brisk.json.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * A test client for Brisk apps, like FastAPI's {@code TestClient}: it starts the app on a free port
 * (port 0, whatever the app's configuration says), talks real HTTP/1.1 to it with the JDK
 * {@link HttpClient}, and stops it on {@link #close()}. Use it from JUnit or any test framework.
 *
 * <pre>{@code
 * @Test
 * void readItem() {
 *     Brisk app = MyApp.create();
 *     try (BriskTestClient client = BriskTestClient.start(app)) {
 *         client.get("/items/1").assertStatus(200).assertJson("item_id", 1);
 *         client.post("/items")
 *               .json(Map.of("name", "Foo", "price", 42.0))
 *               .header("X-Token", "coneofsilence")
 *               .send()
 *               .assertStatus(201)
 *               .assertJson("name", "Foo");
 *     }
 * }
 * }</pre>
 *
 * <p>Like a browser, the client keeps cookies the app sets and sends them back. It follows redirects
 * unless a request says {@link TestRequest#followRedirects(boolean) otherwise}. It is thread-safe:
 * tests may send concurrent requests through one client.
 */
public final class BriskTestClient implements AutoCloseable {
    private final Brisk app;
    private final boolean owned;
    private final Json json;
    private final HttpClient following;
    private final HttpClient notFollowing;
    private final String baseUrl;

    private BriskTestClient(Brisk app, boolean owned) {
        this.app = app;
        this.owned = owned;
        this.json = app.config().json();
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        this.following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.notFollowing = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String host = app.config().host();
        if (host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
        this.baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port();
    }

    /**
     * Starts {@code app} on port 0 (its start-up hooks and lifespans run now) and returns a client for
     * it; {@link #close()} stops the app. An app that is already running is used as it is and left
     * running on close.
     */
    public static BriskTestClient start(Brisk app) {
        Objects.requireNonNull(app, "app");
        if (app.isRunning()) return new BriskTestClient(app, false);
        app.start(0);
        try {
            return new BriskTestClient(app, true);
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
    }

    /** The app under test. */
    public Brisk app() {
        return app;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return baseUrl;
    }

    public TestRequest get(String path) { return request("GET", path); }
    public TestRequest post(String path) { return request("POST", path); }
    public TestRequest put(String path) { return request("PUT", path); }
    public TestRequest patch(String path) { return request("PATCH", path); }
    public TestRequest delete(String path) { return request("DELETE", path); }
    public TestRequest options(String path) { return request("OPTIONS", path); }
    public TestRequest head(String path) { return request("HEAD", path); }

    /** A request with any method; {@code path} may include a query string. */
    public TestRequest request(String method, String path) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with '/': " + path);
        return new TestRequest(this, method, path);
    }

    /**
     * Opens a WebSocket to {@code path} (the app's {@code ws://} URL); a refused upgrade throws
     * {@link TestWebSocket.HandshakeRefused} with the HTTP status.
     */
    public TestWebSocket websocket(String path) {
        return websocket(path, java.util.Map.of());
    }

    /** As {@link #websocket(String)}, with request headers (cookies, auth, origin) and subprotocols to offer. */
    public TestWebSocket websocket(String path, java.util.Map<String, String> headers, String... subprotocols) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with '/': " + path);
        return TestWebSocket.connect(notFollowing, "ws" + baseUrl.substring(4) + path, headers, subprotocols, json);
    }

    Json json() {
        return json;
    }

    TestResponse exchange(HttpRequest request, boolean followRedirects) {
        try {
            HttpResponse<byte[]> r = (followRedirects ? following : notFollowing)
                    .send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new TestResponse(r.statusCode(), r.headers(), r.body(), json);
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    /** Stops the app if this client started it. */
    @Override
    public void close() {
        following.close();
        notFollowing.close();
        if (owned) app.stop();
    }
}
