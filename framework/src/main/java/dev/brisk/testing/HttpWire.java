package dev.brisk.testing;

import dev.brisk.json.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Port-bound mode: real HTTP/1.1 over TCP with the JDK client, which keeps cookies and follows redirects. */
final class HttpWire implements Wire {
    private final String host;
    private final int port;
    private final String baseUrl;
    private final Json json;
    private final HttpClient following;
    private final HttpClient notFollowing;

    HttpWire(String host, int port, Json json, CookieManager cookies) {
        this.host = host;
        this.port = port;
        this.baseUrl = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        this.json = json;
        this.following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10)).build();
        this.notFollowing = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpClient notFollowing() {
        return notFollowing;
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public TestResponse exchange(String method, String target, List<String[]> headers, byte[] body, Duration timeout,
                                 boolean followRedirects) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + target)).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        for (String[] h : headers) b.header(h[0], h[1]);
        HttpResponse<byte[]> r = (followRedirects ? following : notFollowing)
                .send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new TestResponse(r.statusCode(), r.headers(), r.body(), json);
    }

    @Override
    public RawConnection raw() throws IOException {
        return RawConnection.open(host, port);
    }

    @Override
    public void close() {
        following.close();
        notFollowing.close();
    }
}
