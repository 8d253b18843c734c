package dev.brisk.internal.dispatch;

import dev.brisk.Response;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * The server's side of one request/response, without Netty types: what the dispatcher needs to read
 * the request and to answer it. Implemented by the server layer. Internal API.
 */
public interface Exchange {
    String method();

    String uri();

    String protocol();

    String header(String name);

    List<String> headers(String name);

    List<Map.Entry<String, String>> headerEntries();

    byte[] body();

    /** The body without copying: the heap bytes, or its temporary file mapped read-only. */
    default java.nio.ByteBuffer bodyBuffer() {
        return java.nio.ByteBuffer.wrap(body()).asReadOnlyBuffer();
    }

    default long bodyLength() {
        return body().length;
    }

    /** Whether the body was spilled to a temporary file while it arrived. */
    default boolean bodyInFile() {
        return false;
    }

    InetSocketAddress remoteAddress();

    /** When the request was read ({@code System.nanoTime()}); the default reads the clock now. */
    default long startNanos() {
        return System.nanoTime();
    }

    /** The app's form limits (fields, files, parts). */
    default dev.brisk.params.FormLimits formLimits() {
        return dev.brisk.params.FormLimits.DEFAULT;
    }

    /** The client after trusted proxy headers ({@code X-Forwarded-For}, {@code Forwarded}); else the TCP peer. */
    default InetSocketAddress client() {
        return remoteAddress();
    }

    /** {@code http} or {@code https}: the connection's, or a trusted proxy's {@code X-Forwarded-Proto}. */
    default String scheme() {
        return "http";
    }

    /** The host (and port) the client asked for: a trusted proxy's forwarded host, the Host header, else the local address. */
    default String host() {
        return header("host");
    }

    /** The configured root path ({@code --root-path}), or empty. */
    default String rootPath() {
        return "";
    }

    /** The loop owning the connection. */
    LoopContext loop();

    /** Answers; callable from any thread, at most once (later calls are ignored). */
    void respond(Response response);

    /** Whether the connection is still open. */
    boolean isOpen();

    /**
     * Registers the action to run (on the loop) if the connection closes before the response is
     * written: cancelling a stage, interrupting a worker.
     */
    void onAbort(Runnable action);
}
