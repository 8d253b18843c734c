package dev.brisk.middleware;

import dev.brisk.Request;
import dev.brisk.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.zip.GZIPOutputStream;

/**
 * Compresses responses with gzip, like FastAPI's {@code GZipMiddleware}: only when the client's
 * {@code Accept-Encoding} allows gzip, only bodies of at least {@code minimumSize} bytes (default
 * 500), never a body that already has a {@code Content-Encoding} or is a {@code text/event-stream}.
 * A compressed answer gets {@code Content-Encoding: gzip} and {@code Vary: Accept-Encoding}.
 *
 * <pre>{@code
 * app.addMiddleware(new GZipMiddleware());                // minimum 500 bytes, level 9 (Starlette's defaults)
 * app.addMiddleware(new GZipMiddleware(1000, 6));
 * }</pre>
 *
 * <p>Threading: bodies up to 64 KiB are compressed on the event loop (well under a millisecond);
 * larger ones on the CPU pool ({@link Request#offloadCpu}), so a big response does not stall the loop.
 */
public final class GZipMiddleware implements Middleware {
    private static final int OFFLOAD_ABOVE = 64 * 1024;

    private final int minimumSize;
    private final int level;

    public GZipMiddleware() {
        this(500, 9);
    }

    public GZipMiddleware(int minimumSize) {
        this(minimumSize, 9);
    }

    /** @param level the deflate level, 1 (fastest) to 9 (smallest) */
    public GZipMiddleware(int minimumSize, int level) {
        if (level < 1 || level > 9) throw new IllegalArgumentException("gzip level " + level);
        this.minimumSize = Math.max(0, minimumSize);
        this.level = level;
    }

    @Override
    public CompletionStage<Response> handle(Request req, Next next) {
        if (!acceptsGzip(req.header("accept-encoding"))) return next.call();
        return next.call().thenCompose(res -> {
            if (!compressible(res)) return CompletableFuture.completedFuture(res);
            if (res.body().length > OFFLOAD_ABOVE) return req.offloadCpu(() -> compress(res));
            return CompletableFuture.completedFuture(compress(res));
        });
    }

    private boolean compressible(Response res) {
        // An empty in-memory body is also what a streamed response looks like: never touch it.
        int size = res.body().length;
        if (size == 0 || size < minimumSize || res.header("content-encoding") != null) return false;
        String type = res.contentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    private Response compress(Response res) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, res.body().length / 3));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192) {{ def.setLevel(level); }}) {
            gz.write(res.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Response gzipped = Response.bytes(res.status(), res.contentType(), out.toByteArray());
        for (Response.Header h : res.headers()) {
            if (!h.name().equalsIgnoreCase("content-length")) gzipped = gzipped.withHeader(h.name(), h.value());
        }
        return Headers.addVary(gzipped.withHeader("Content-Encoding", "gzip"), "Accept-Encoding");
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) with a non-zero quality. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (String part : acceptEncoding.split(",")) {
            String[] bits = part.trim().split(";");
            String coding = bits[0].trim().toLowerCase(Locale.ROOT);
            if (!coding.equals("gzip") && !coding.equals("*")) continue;
            boolean zero = false;
            for (int i = 1; i < bits.length; i++) {
                String p = bits[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        zero = Double.parseDouble(p.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        zero = true;
                    }
                }
            }
            if (!zero) return true;
        }
        return false;
    }
}
