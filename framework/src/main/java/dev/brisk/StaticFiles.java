package dev.brisk;

import dev.brisk.routing.Route;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serves a directory (or classpath resources) under a path prefix, like FastAPI's {@code StaticFiles}.
 * Mount it with {@link Brisk#mount}:
 *
 * <pre>{@code
 * app.mount("/static", StaticFiles.directory(Path.of("public")));               // /static/css/site.css
 * app.mount("/", StaticFiles.directory(Path.of("site")).html(true));             // /  -> site/index.html
 * app.mount("/assets", StaticFiles.classpath("web/assets"));                    // from the jar
 * }</pre>
 *
 * <p>What a client gets: the file with its content type (from the extension), {@code ETag},
 * {@code Last-Modified} and {@code Accept-Ranges: bytes}; {@code 304 Not Modified} when
 * {@code If-None-Match} or {@code If-Modified-Since} says it already has it; {@code 206} for a single
 * {@code Range: bytes=...} (with {@code If-Range} honoured) and {@code 416} when the range lies past the
 * end; {@code HEAD} with the headers only. When a {@code name.br} or {@code name.gz} sibling exists and
 * the client's {@code Accept-Encoding} allows it, the sibling is sent with {@code Content-Encoding}
 * (brotli preferred) and {@code Vary: Accept-Encoding}. Files on disk go out zero-copy (sendfile) on
 * HTTP/1.1 in clear text.
 *
 * <p>Refused with 404, never served: any {@code .} or {@code ..} segment (also percent-encoded as
 * {@code %2e%2e}), backslashes and NUL bytes, and any path whose real location (symbolic links
 * resolved) lies outside the directory. Other methods than GET and HEAD get 405. Mounted routes are
 * left out of OpenAPI, as in FastAPI.
 *
 * <p>With {@link #html(boolean) html(true)} a directory answers with its {@code index.html} (a
 * directory asked for without its trailing slash is redirected to it first, so relative links work),
 * and a missing file answers with the root's {@code 404.html}, status 404, when there is one.
 *
 * <p>Threading: looking a file up is file-system I/O (stat, realpath), so the mount's routes run on the
 * worker lane, as Starlette runs its lookups in a thread pool; sending happens on the event loop.
 */
public final class StaticFiles {
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final StaticSource source;
    private boolean html;
    private boolean precompressed = true;
    private String cacheControl;

    private StaticFiles(StaticSource source) {
        this.source = source;
    }

    /**
     * Files under {@code directory}. The directory must exist when this is called (FastAPI's
     * {@code check_dir}); its real path (symbolic links resolved) is the boundary nothing may leave.
     */
    public static StaticFiles directory(Path directory) {
        Objects.requireNonNull(directory, "directory");
        try {
            Path real = directory.toRealPath();
            if (!Files.isDirectory(real)) throw new IllegalArgumentException("not a directory: " + directory);
            return new StaticFiles(new StaticSource.Directory(real));
        } catch (IOException e) {
            throw new IllegalArgumentException("static directory " + directory + " does not exist", e);
        }
    }

    /**
     * Resources under {@code base} on the class path of this class's loader (for files packaged in the
     * application's jar). Resources in a jar are read into memory once and kept; they cannot change.
     */
    public static StaticFiles classpath(String base) {
        return classpath(base, StaticFiles.class.getClassLoader());
    }

    /** Resources under {@code base} from {@code loader}. */
    public static StaticFiles classpath(String base, ClassLoader loader) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(loader, "loader");
        String b = base.replaceAll("^/+|/+$", "");
        return new StaticFiles(new StaticSource.Classpath(b, loader));
    }

    /** Serve {@code index.html} for directories and {@code 404.html} for misses (default off). */
    public StaticFiles html(boolean value) {
        this.html = value;
        return this;
    }

    /** Send {@code .br}/{@code .gz} siblings to clients that accept them (default on). */
    public StaticFiles precompressed(boolean value) {
        this.precompressed = value;
        return this;
    }

    /** A {@code Cache-Control} value for every file served, e.g. {@code "public, max-age=3600"} (default none). */
    public StaticFiles cacheControl(String value) {
        this.cacheControl = value;
        return this;
    }

    /** The routes a mount at {@code prefix} adds: GET (HEAD follows GET) for the prefix and everything under it. */
    List<Route> routes(String prefix) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        Handler h = Handler.worker(this::serve);
        List<Route> out = new ArrayList<>();
        // "/prefix/{path:path}" needs a non-empty rest; the mount's root itself is its own route
        out.add(new Route("GET", p + "/{path:path}", h).includeInSchema(false));
        out.add(new Route("GET", p.isEmpty() ? "/" : p, h).includeInSchema(false));
        if (!p.isEmpty()) out.add(new Route("GET", p + "/", h).includeInSchema(false));
        return out;
    }

    private Response serve(Request req) {
        String rest = req.pathParam("path");
        String rel = rest == null ? "" : rest;
        List<String> segments = StaticRequests.segments(rel);
        if (segments == null) throw notFound();
        StaticSource.Entry entry = source.find(segments);
        if (entry != null && entry.directory()) {
            if (!html) throw notFound();
            if (!req.path().endsWith("/")) {
                String q = req.rawQuery();
                return Response.redirect(req.path() + "/" + (q == null || q.isEmpty() ? "" : "?" + q));
            }
            List<String> index = new ArrayList<>(segments);
            index.add("index.html");
            entry = source.find(index);
            if (entry == null || entry.directory()) throw notFound();
        }
        if (entry == null) {
            StaticSource.Entry page = html ? source.find(List.of("404.html")) : null;
            if (page == null || page.directory()) throw notFound();
            return Response.bytes(404, Response.TEXT_HTML, page.bytes());
        }
        return answer(req, entry);
    }

    private Response answer(Request req, StaticSource.Entry entry) {
        String type = MediaTypes.guess(Path.of(entry.name()));
        StaticSource.Entry sent = entry;
        String encoding = null;
        boolean hasVariants = false;
        if (precompressed) {
            for (String enc : List.of("br", "gzip")) {
                StaticSource.Entry sibling = source.sibling(entry, enc.equals("br") ? ".br" : ".gz");
                if (sibling == null) continue;
                hasVariants = true;
                if (encoding == null && StaticRequests.accepts(req.header("accept-encoding"), enc)) {
                    sent = sibling;
                    encoding = enc;
                }
            }
        }
        String etag = "\"" + Long.toHexString(sent.size()) + "-" + Long.toHexString(sent.modifiedMillis())
                + (encoding == null ? "" : "-" + encoding) + "\"";
        long modifiedSeconds = sent.modifiedMillis() / 1000;
        String lastModified = HTTP_DATE.format(Instant.ofEpochSecond(modifiedSeconds));
        List<Response.Header> headers = new ArrayList<>(6);
        headers.add(new Response.Header("etag", etag));
        headers.add(new Response.Header("last-modified", lastModified));
        if (cacheControl != null) headers.add(new Response.Header("cache-control", cacheControl));
        if (hasVariants) headers.add(new Response.Header("vary", "Accept-Encoding"));
        if (StaticRequests.notModified(req, etag, modifiedSeconds)) return with(Response.status(304), headers);
        headers.add(new Response.Header("accept-ranges", "bytes"));
        if (encoding != null) headers.add(new Response.Header("content-encoding", encoding));

        long size = sent.size();
        long[] range = StaticRequests.range(req, etag, modifiedSeconds, size);
        if (range == StaticRequests.UNSATISFIABLE) {
            throw new HttpException(416, "Range Not Satisfiable", Map.of("content-range", "bytes */" + size));
        }
        Response r = range == null ? sent.body(type, 0, size).withStatus(200)
                : sent.body(type, range[0], range[1] - range[0] + 1).withStatus(206)
                .withHeader("content-range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        return with(r, headers);
    }

    private static Response with(Response r, List<Response.Header> headers) {
        for (Response.Header h : headers) r = r.withHeader(h.name(), h.value());
        return r;
    }

    private static HttpException notFound() {
        return new HttpException(404, "Not Found");
    }
}
