package dev.brisk.middleware;

import dev.brisk.Request;
import dev.brisk.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Starlette's {@code HTTPSRedirectMiddleware}: every request that did not arrive over HTTPS is
 * redirected (307, so the method and body are kept) to the same URL with {@code https}; the port is
 * dropped when it was 80 or 443. A request counts as HTTPS when the request attribute
 * {@link #SCHEME_ATTRIBUTE} says {@code https}: set by whatever terminates TLS or reads trusted proxy
 * headers (Brisk's plain HTTP/1.1 server itself always serves {@code http}).
 *
 * <pre>{@code
 * app.addMiddleware(new HttpsRedirectMiddleware());
 * }</pre>
 */
public final class HttpsRedirectMiddleware implements Middleware {
    /** The request attribute holding the scheme the client used ({@code "http"} when absent). */
    public static final String SCHEME_ATTRIBUTE = "brisk.scheme";

    @Override
    public CompletionStage<Response> handle(Request request, Next next) {
        if ("https".equals(request.attributes().get(SCHEME_ATTRIBUTE))) return next.call();
        String host = request.header("host");
        if (host == null || host.isEmpty()) host = "localhost";
        if (host.endsWith(":80") || host.endsWith(":443")) host = host.substring(0, host.lastIndexOf(':'));
        return CompletableFuture.completedFuture(Response.redirect("https://" + host + request.uri()));
    }
}
