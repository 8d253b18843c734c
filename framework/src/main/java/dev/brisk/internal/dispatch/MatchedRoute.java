package dev.brisk.internal.dispatch;

import dev.brisk.Request;
import dev.brisk.routing.Route;

/** The route a request matched, for framework code outside this package (dev.brisk.security's SecurityScopes). */
public final class MatchedRoute {
    private MatchedRoute() {}

    /** {@code null} when no route matched or the request was not made by Brisk's server. */
    public static Route of(Request request) {
        return RequestImpl.routeOf(request);
    }
}
