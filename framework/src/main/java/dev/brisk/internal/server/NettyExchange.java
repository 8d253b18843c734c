package dev.brisk.internal.server;

import dev.brisk.Response;
import dev.brisk.internal.dispatch.Exchange;
import dev.brisk.internal.dispatch.LoopContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One request on a connection and, once answered, its response. Created and written on the loop;
 * {@link #respond} may be called from any thread and hops to the loop.
 */
final class NettyExchange implements Exchange {
    final ConnectionHandler connection;
    final String method;
    final String uri;
    final String protocol;
    final HttpHeaders headers;
    final BodyBuffer.Body body;
    private byte[] bodyBytes;
    final boolean keepAlive;
    final long startNanos = System.nanoTime();
    /** Set on the loop when answered; the connection writes answers in request order. */
    Response response;
    boolean closeAfter;
    private Runnable abortAction;
    private ForwardedHeaders.Resolved resolved;   // lazily: most handlers never ask

    NettyExchange(ConnectionHandler connection, HttpRequest request, BodyBuffer.Body body, boolean keepAlive) {
        this.connection = connection;
        this.method = request.method().name();
        this.uri = request.uri();
        // an HTTP/2 stream arrives as HTTP/1.1 objects; say what the client spoke
        this.protocol = connection.http2() ? "HTTP/2.0" : request.protocolVersion().text();
        this.headers = request.headers();
        this.body = body;
        this.keepAlive = keepAlive;
    }

    @Override public String method() { return method; }
    @Override public String uri() { return uri; }
    @Override public String protocol() { return protocol; }
    @Override public String header(String name) { return headers.get(HeaderNames.of(name)); }
    @Override public List<String> headers(String name) { return headers.getAll(HeaderNames.of(name)); }
    @Override public List<Map.Entry<String, String>> headerEntries() { return headers.entries(); }
    @Override
    public synchronized byte[] body() {
        if (bodyBytes == null) bodyBytes = body.readAll();
        return bodyBytes;
    }

    @Override public java.nio.ByteBuffer bodyBuffer() { return body.buffer(); }
    @Override public long bodyLength() { return body.length(); }
    @Override public boolean bodyInFile() { return body.file() != null; }
    @Override public InetSocketAddress remoteAddress() { return connection.remoteAddress(); }
    @Override public InetSocketAddress client() { return resolved().client(); }
    @Override public String scheme() { return resolved().scheme(); }
    @Override public String host() { return resolved().host(); }
    @Override public String rootPath() { return connection.rootPath(); }

    private ForwardedHeaders.Resolved resolved() {
        ForwardedHeaders.Resolved r = resolved;
        if (r == null) resolved = r = connection.resolve(headers);   // idempotent: a race computes it twice
        return r;
    }
    @Override public LoopContext loop() { return connection.loop(); }
    @Override public dev.brisk.params.FormLimits formLimits() { return connection.server().formLimits(); }
    @Override public boolean isOpen() { return connection.isOpen(); }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public void respond(Response r) {
        connection.respond(this, r);
    }

    @Override
    public void onAbort(Runnable action) {
        this.abortAction = action;
    }

    void abort() {
        Runnable a = abortAction;
        abortAction = null;
        if (a != null) a.run();
    }
}
