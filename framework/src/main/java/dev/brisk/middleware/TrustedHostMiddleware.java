package dev.brisk.middleware;

import dev.brisk.Request;
import dev.brisk.Response;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Starlette's {@code TrustedHostMiddleware}: answers 400 {@code Invalid host header} (text) to a request
 * whose {@code Host} is not one of the allowed names, which defeats Host-header attacks (poisoned
 * password-reset links, cache poisoning). Patterns are exact names or {@code *.example.com} (any
 * subdomain, not the apex); {@code *} allows all. With {@code wwwRedirect} (the default), a request for
 * {@code example.com} when only {@code www.example.com} is allowed is redirected there (307).
 *
 * <pre>{@code
 * app.addMiddleware(new TrustedHostMiddleware(List.of("example.com", "*.example.com")));
 * }</pre>
 */
public final class TrustedHostMiddleware implements Middleware {
    private final List<String> allowed;
    private final boolean allowAny;
    private final boolean wwwRedirect;

    /** Allowed host patterns, with the www redirect on. */
    public TrustedHostMiddleware(List<String> allowedHosts) {
        this(allowedHosts, true);
    }

    public TrustedHostMiddleware(List<String> allowedHosts, boolean wwwRedirect) {
        for (String p : allowedHosts) {
            if (p.startsWith("*") && !p.equals("*") && !p.startsWith("*.")) {
                throw new IllegalArgumentException("Domain wildcard patterns must be like '*.example.com': " + p);
            }
        }
        this.allowed = allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        this.allowAny = allowed.contains("*");
        this.wwwRedirect = wwwRedirect;
    }

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        if (allowAny) return next.call();
        String hostHeader = request.header("host");
        String host = hostHeader == null ? "" : hostOnly(hostHeader).toLowerCase(Locale.ROOT);
        boolean www = false;
        for (String pattern : allowed) {
            if (host.equals(pattern) || (pattern.startsWith("*") && host.endsWith(pattern.substring(1)))) {
                return next.call();
            }
            if (("www." + host).equals(pattern)) www = true;
        }
        if (www && wwwRedirect) {
            // the Host is one we trust once prefixed, so it may be echoed into the Location
            return CompletableFuture.completedFuture(Response.redirect("http://www." + hostHeader + request.uri()));
        }
        return CompletableFuture.completedFuture(Response.text("Invalid host header").withStatus(400));
    }

    private static String hostOnly(String host) {
        if (host.startsWith("[")) { // IPv6 literal
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
