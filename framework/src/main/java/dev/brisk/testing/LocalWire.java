package dev.brisk.testing;

import dev.brisk.json.Json;
import dev.brisk.internal.server.InProcessConnector;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.time.Duration;

/**
 * In-process mode: every request goes on a fresh in-VM Netty connection through the server's real pipeline.
 * Cookies and redirects are handled here the way the JDK client does them in port-bound mode, so a test
 * reads the same in both modes.
 */
final class LocalWire implements Wire {
    static final String BASE_URL = "http://testserver";
    // the JDK client refuses these; refusing them here too keeps one API for both modes
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect", "upgrade");
    private static final int MAX_REDIRECTS = 5;   // the JDK client's default
    private final InProcessConnector connector;
    private final Json json;
    private final CookieManager cookies;

    LocalWire(InProcessConnector connector, Json json, CookieManager cookies) {
        this.connector = connector;
        this.json = json;
        this.cookies = cookies;
    }

    @Override
    public TestResponse exchange(String method, String target, List<String[]> headers, byte[] body, Duration timeout,
                                 boolean followRedirects) throws IOException {
        for (String[] h : headers) {
            if (RESTRICTED.contains(h[0].toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("restricted header name: \"" + h[0] + "\"");
            }
        }
        URI uri = URI.create(BASE_URL + target);
        for (int redirects = 0; ; redirects++) {
            TestResponse r = once(method, uri, headers, body, timeout);
            String location = r.header("location");
            if (!followRedirects || location == null || redirects == MAX_REDIRECTS || !redirect(r.status())) return r;
            URI next = uri.resolve(location);
            if (!"testserver".equals(next.getHost())) return r;   // another origin is not in this process
            if (r.status() == 303 && !method.equals("HEAD") || (r.status() == 301 || r.status() == 302) && method.equals("POST")) {
                method = "GET";
                body = null;
                headers = headers.stream().filter(h -> !h[0].equalsIgnoreCase("content-type")).toList();
            }
            uri = next;
        }
    }

    private static boolean redirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private TestResponse once(String method, URI uri, List<String[]> headers, byte[] body, Duration timeout)
            throws IOException {
        List<Map.Entry<String, String>> send = new ArrayList<>();
        send.add(Map.entry("Host", uri.getHost()));
        if (body != null) send.add(Map.entry("Content-Length", Integer.toString(body.length)));
        else if (Set.of("POST", "PUT", "PATCH").contains(method)) send.add(Map.entry("Content-Length", "0"));
        send.add(Map.entry("User-Agent", "brisk-testclient"));
        for (String[] h : headers) send.add(Map.entry(h[0], h[1]));
        for (Map.Entry<String, List<String>> e : cookies.get(uri, Map.of()).entrySet()) {
            for (String v : e.getValue()) send.add(Map.entry(e.getKey(), v));
        }
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        InProcessConnector.Answer a = connector.exchange(method, target, send, body, timeout);
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : a.headers()) {
            map.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        cookies.put(uri, map);
        return new TestResponse(a.status(), HttpHeaders.of(map, (n, v) -> true), a.body(), json);
    }

    @Override
    public RawConnection raw() throws IOException {
        return RawConnection.over(connector.openPipe());
    }

    @Override
    public void close() {
        // connections close after each exchange; the client thread ends with the server
    }
}
