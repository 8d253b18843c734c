package dev.brisk.bench.jmh;

import dev.brisk.Loop;
import dev.brisk.Request;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;

/**
 * A {@link Request} without a server, for binding benchmarks: path and query parameters are given
 * up front (already parsed), so a benchmark through it measures Brisk's binding, conversion and
 * validation alone. Everything a GET handler never asks for throws.
 */
final class FakeRequest implements Request {
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;

    FakeRequest(String path, Map<String, String> pathParams, Map<String, List<String>> query) {
        this.path = path;
        this.pathParams = pathParams;
        this.query = query;
    }

    @Override public String method() { return "GET"; }
    @Override public String path() { return path; }
    @Override public String uri() { return path; }
    @Override public String rawQuery() { return ""; }
    @Override public String protocol() { return "HTTP/1.1"; }
    @Override public String routeTemplate() { return null; }
    @Override public String pathParam(String name) { return pathParams.get(name); }
    @Override public Map<String, String> pathParams() { return pathParams; }

    @Override
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    @Override public List<String> queryParams(String name) { return query.getOrDefault(name, List.of()); }
    @Override public Map<String, List<String>> queryParamMap() { return query; }
    @Override public String header(String name) { return null; }
    @Override public List<String> headers(String name) { return List.of(); }
    @Override public List<Map.Entry<String, String>> headerEntries() { return List.of(); }
    @Override public String cookie(String name) { return null; }
    @Override public Map<String, String> cookies() { return Map.of(); }
    @Override public byte[] body() { return new byte[0]; }
    @Override public String bodyText() { return ""; }
    @Override public <T> T bodyAs(Class<T> type) { throw new UnsupportedOperationException(); }
    @Override public InetSocketAddress remoteAddress() { return null; }
    @Override public Map<String, Object> attributes() { throw new UnsupportedOperationException(); }
    @Override public Loop loop() { throw new UnsupportedOperationException(); }
    @Override public <T> CompletionStage<T> offload(Callable<T> work) { throw new UnsupportedOperationException(); }
    @Override public <T> CompletionStage<T> offload(Callable<T> work, Duration timeout) { throw new UnsupportedOperationException(); }
    @Override public <T> CompletionStage<T> offloadCpu(Callable<T> work) { throw new UnsupportedOperationException(); }
    @Override public CompletionStage<Void> sleep(Duration duration) { throw new UnsupportedOperationException(); }
    @Override public boolean isConnected() { return true; }
}
