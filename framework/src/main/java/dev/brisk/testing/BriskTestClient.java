package dev.brisk.testing;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.internal.server.InProcessConnector;
import dev.brisk.json.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A test client for Brisk apps, like FastAPI's {@code TestClient}, in one of two modes with the same API:
 * <ul>
 * <li>{@link #inProcess(Brisk)}: no socket at all. The app runs its real Netty pipeline (HTTP codec,
 *     connection handler, dispatcher, lanes, watchdog, time limits, middleware, encoder) on its
 *     {@code brisk-loop-N} event loops, fed through Netty's in-VM transport; {@link Brisk#port()} is
 *     {@code -1}. Fast, and no port to collide with.</li>
 * <li>{@link #start(Brisk)}: the app listens on a free TCP port (port 0, whatever its configuration
 *     says) and the client talks real HTTP/1.1 to it with the JDK {@link java.net.http.HttpClient};
 *     use it when something else must reach the app too (a browser, {@code curl}, a proxy).</li>
 * </ul>
 * Either way {@link #close()} stops the app.
 *
 * <pre>{@code
 * @Test
 * void readItem() {
 *     Brisk app = MyApp.create();
 *     try (BriskTestClient client = BriskTestClient.inProcess(app)) {
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
 * tests may send concurrent requests through one client. For hand-made bytes (pipelining, malformed
 * input, reading a stream chunk by chunk) use {@link #raw()}. In-process, requests carry
 * {@code Host: testserver} and the app sees no client address ({@code Request#remoteAddress()} is null).
 */
public final class BriskTestClient implements AutoCloseable {
    private final Brisk app;
    private final boolean owned;
    private final Json json;
    private final Wire wire;
    private final String baseUrl;

    private BriskTestClient(Brisk app, boolean owned, Wire wire, String baseUrl) {
        this.app = app;
        this.owned = owned;
        this.json = app.config().json();
        this.wire = wire;
        this.baseUrl = baseUrl;
    }

    /**
     * Starts {@code app} without a socket (its start-up hooks and lifespans run now) and returns a client
     * for it; {@link #close()} stops the app. The app must not be running yet.
     */
    public static BriskTestClient inProcess(Brisk app) {
        Objects.requireNonNull(app, "app");
        if (app.isRunning()) throw new IllegalStateException("the app is already running on a port: use start(app)");
        InProcessConnector connector = InProcessConnector.prepare(app);
        try {
            app.start();
        } finally {
            InProcessConnector.withdraw(app);   // a failed start must not leave the config marked
        }
        if (!connector.bound()) {
            app.stop();
            throw new IllegalStateException("the server did not take the in-process connector");
        }
        Wire wire = new LocalWire(connector, app.config().json(), cookies());
        return new BriskTestClient(app, true, wire, LocalWire.BASE_URL);
    }

    /**
     * Starts {@code app} on port 0 (its start-up hooks and lifespans run now) and returns a client for
     * it; {@link #close()} stops the app. An app that is already running is used as it is and left
     * running on close.
     */
    public static BriskTestClient start(Brisk app) {
        Objects.requireNonNull(app, "app");
        if (app.isRunning()) return portBound(app, false);
        app.start(0);
        try {
            return portBound(app, true);
        } catch (RuntimeException e) {
            app.stop();
            throw e;
        }
    }

    private static BriskTestClient portBound(Brisk app, boolean owned) {
        String host = app.config().host();
        if (host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
        HttpWire wire = new HttpWire(host, app.port(), app.config().json(), cookies());
        return new BriskTestClient(app, owned, wire, wire.baseUrl());
    }

    private static CookieManager cookies() {
        return new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    }

    /**
     * A configuration for tests: loopback, port 0, access log off (keep the rest of the defaults).
     *
     * <pre>{@code
     * Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
     * }</pre>
     */
    public static BriskConfig testConfig() {
        return new BriskConfig().host("127.0.0.1").port(0).accessLog(false);
    }

    /** The app under test. */
    public Brisk app() {
        return app;
    }

    /** {@code http://127.0.0.1:<port>}, or {@code http://testserver} in-process. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Whether this client runs the app without a socket. */
    public boolean isInProcess() {
        return wire instanceof LocalWire;
    }

    /** A new raw connection to the app (TCP port-bound, in-VM in-process); close it when done. */
    public RawConnection raw() {
        try {
            return wire.raw();
        } catch (IOException e) {
            throw new AssertionError("could not connect to the app: " + e, e);
        }
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
     * {@link TestWebSocket.HandshakeRefused} with the HTTP status. Port-bound clients only
     * ({@link #start(Brisk)}): in-process it throws {@link UnsupportedOperationException}.
     */
    public TestWebSocket websocket(String path) {
        return websocket(path, java.util.Map.of());
    }

    /** As {@link #websocket(String)}, with request headers (cookies, auth, origin) and subprotocols to offer. */
    public TestWebSocket websocket(String path, java.util.Map<String, String> headers, String... subprotocols) {
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with '/': " + path);
        // the JDK WebSocket client needs a socket; an in-VM WebSocket client is not built (yet)
        if (!(wire instanceof HttpWire http)) {
            throw new UnsupportedOperationException("WebSockets need a port: use BriskTestClient.start(app)");
        }
        return TestWebSocket.connect(http.notFollowing(), "ws" + baseUrl.substring(4) + path, headers, subprotocols, json);
    }

    Json json() {
        return json;
    }

    TestResponse exchange(String method, String target, List<String[]> headers, byte[] body, Duration timeout,
                          boolean followRedirects) {
        try {
            return wire.exchange(method, target, headers, body, timeout, followRedirects);
        } catch (IOException e) {
            throw new AssertionError(method + " " + target + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + method + " " + target, e);
        }
    }

    /** Stops the app if this client started it. */
    @Override
    public void close() {
        wire.close();
        if (owned) app.stop();
    }
}
