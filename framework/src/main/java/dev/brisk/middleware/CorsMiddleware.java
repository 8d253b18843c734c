package dev.brisk.middleware;

import dev.brisk.Request;
import dev.brisk.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Cross-Origin Resource Sharing with the semantics of FastAPI's (Starlette's) {@code CORSMiddleware}:
 * same options, same defaults (only {@code GET} allowed, max age 600 s), same answers.
 *
 * <pre>{@code
 * app.addMiddleware(new CorsMiddleware(CorsMiddleware.options()
 *         .allowOrigins("https://app.example.com")
 *         .allowOriginRegex("https://.*\\.example\\.org")
 *         .allowMethods("*")
 *         .allowHeaders("*")
 *         .allowCredentials(true)
 *         .exposeHeaders("X-Total-Count")
 *         .maxAge(3600)));
 * }</pre>
 *
 * <ul>
 * <li>No {@code Origin} header: the request passes through untouched.</li>
 * <li>Preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}): answered here, never
 *     reaching a route — 200 {@code OK} with the allow headers, or 400 {@code Disallowed CORS origin,
 *     method, headers} listing what failed. With specific origins (or credentials) the origin is
 *     echoed and {@code Vary: Origin} set; otherwise {@code *}.</li>
 * <li>Other requests: the route answers, then {@code Access-Control-Allow-Origin} is added ({@code *}
 *     when all origins are allowed, the echoed origin with {@code Vary: Origin} for an allowed one, or
 *     when all are allowed but the request carries a cookie, or credentials with an
 *     {@code Authorization} header), plus {@code Allow-Credentials} and {@code Expose-Headers}.</li>
 * </ul>
 */
public final class CorsMiddleware implements Middleware {
    private static final List<String> ALL_METHODS = List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");
    private static final List<String> SAFELISTED = List.of("Accept", "Accept-Language", "Content-Language", "Content-Type");

    /** The CORS options, with Starlette's defaults. */
    public static final class Options {
        private final List<String> origins = new ArrayList<>();
        private final List<String> methods = new ArrayList<>(List.of("GET"));
        private final List<String> headers = new ArrayList<>();
        private final List<String> expose = new ArrayList<>();
        private boolean credentials;
        private String originRegex;
        private int maxAge = 600;

        /** Allowed origins, e.g. {@code "https://example.com"}, or {@code "*"} for any. Default: none. */
        public Options allowOrigins(String... values) { origins.addAll(List.of(values)); return this; }
        /** A regular expression an origin must match entirely to be allowed. */
        public Options allowOriginRegex(String regex) { originRegex = regex; return this; }
        /** Allowed methods, or {@code "*"} for all. Default: {@code GET} only. */
        public Options allowMethods(String... values) { methods.clear(); methods.addAll(List.of(values)); return this; }
        /** Allowed request headers beyond the CORS-safelisted ones, or {@code "*"} to allow any. */
        public Options allowHeaders(String... values) { headers.addAll(List.of(values)); return this; }
        /** Whether cookies/credentials are allowed cross-origin. Default false. */
        public Options allowCredentials(boolean value) { credentials = value; return this; }
        /** Response headers the browser may expose to scripts. */
        public Options exposeHeaders(String... values) { expose.addAll(List.of(values)); return this; }
        /** How long (seconds) browsers may cache a preflight answer. Default 600. */
        public Options maxAge(int seconds) { maxAge = seconds; return this; }
    }

    /** New options with Starlette's defaults. */
    public static Options options() {
        return new Options();
    }

    private final List<String> allowOrigins;
    private final List<String> allowMethods;
    private final List<String> allowHeadersLower;
    private final boolean allowAllOrigins;
    private final boolean allowAllHeaders;
    private final boolean allowCredentials;
    private final boolean preflightExplicitOrigin;
    private final Pattern originRegex;
    private final Map<String, String> simpleHeaders = new LinkedHashMap<>();
    private final Map<String, String> preflightHeaders = new LinkedHashMap<>();

    public CorsMiddleware(Options o) {
        allowMethods = o.methods.contains("*") ? ALL_METHODS : List.copyOf(o.methods);
        allowOrigins = List.copyOf(o.origins);
        allowAllOrigins = o.origins.contains("*");
        allowAllHeaders = o.headers.contains("*");
        allowCredentials = o.credentials;
        originRegex = o.originRegex == null ? null : Pattern.compile(o.originRegex);
        preflightExplicitOrigin = !allowAllOrigins || allowCredentials;

        if (allowAllOrigins) simpleHeaders.put("Access-Control-Allow-Origin", "*");
        if (allowCredentials) simpleHeaders.put("Access-Control-Allow-Credentials", "true");
        if (!o.expose.isEmpty()) simpleHeaders.put("Access-Control-Expose-Headers", String.join(", ", o.expose));

        if (preflightExplicitOrigin) preflightHeaders.put("Vary", "Origin");
        else preflightHeaders.put("Access-Control-Allow-Origin", "*");
        preflightHeaders.put("Access-Control-Allow-Methods", String.join(", ", allowMethods));
        preflightHeaders.put("Access-Control-Max-Age", Integer.toString(o.maxAge));
        TreeSet<String> allowed = new TreeSet<>(SAFELISTED); // sorted, like Starlette's sorted(set)
        allowed.addAll(o.headers);
        if (!allowAllHeaders) preflightHeaders.put("Access-Control-Allow-Headers", String.join(", ", allowed));
        if (allowCredentials) preflightHeaders.put("Access-Control-Allow-Credentials", "true");
        allowHeadersLower = allowed.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public CompletionStage<Response> handle(Request req, Next next) {
        String origin = req.header("origin");
        if (origin == null) return next.call();
        if ("OPTIONS".equals(req.method()) && req.header("access-control-request-method") != null) {
            return CompletableFuture.completedFuture(preflight(req, origin));
        }
        return next.call().thenApply(res -> simple(req, origin, res));
    }

    private boolean allowedOrigin(String origin) {
        if (allowAllOrigins) return true;
        if (originRegex != null && originRegex.matcher(origin).matches()) return true;
        return allowOrigins.contains(origin);
    }

    private Response preflight(Request req, String origin) {
        Map<String, String> headers = new LinkedHashMap<>(preflightHeaders);
        List<String> failures = new ArrayList<>();
        if (allowedOrigin(origin)) {
            if (preflightExplicitOrigin) headers.put("Access-Control-Allow-Origin", origin);
        } else {
            failures.add("origin");
        }
        if (!allowMethods.contains(req.header("access-control-request-method"))) failures.add("method");
        String requested = req.header("access-control-request-headers");
        if (allowAllHeaders && requested != null) {
            headers.put("Access-Control-Allow-Headers", requested);
        } else if (requested != null) {
            for (String h : requested.split(",")) {
                if (!allowHeadersLower.contains(h.trim().toLowerCase(Locale.ROOT))) {
                    failures.add("headers");
                    break;
                }
            }
        }
        Response r = failures.isEmpty() ? Response.text("OK")
                : Response.text("Disallowed CORS " + String.join(", ", failures)).withStatus(400);
        for (Map.Entry<String, String> h : headers.entrySet()) r = r.withHeader(h.getKey(), h.getValue());
        return r;
    }

    private Response simple(Request req, String origin, Response res) {
        for (Map.Entry<String, String> h : simpleHeaders.entrySet()) res = Headers.set(res, h.getKey(), h.getValue());
        boolean cookie = req.header("cookie") != null;
        boolean authorization = req.header("authorization") != null;
        if (allowAllOrigins) {
            if ((allowCredentials && authorization) || cookie) res = explicit(res, origin);
        } else if (allowedOrigin(origin)) {
            res = explicit(res, origin);
        }
        return res;
    }

    private static Response explicit(Response res, String origin) {
        return Headers.addVary(Headers.set(res, "Access-Control-Allow-Origin", origin), "Origin");
    }
}
