package dev.brisk.internal.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.util.HashMap;
import java.util.Map;

/**
 * Request header names that Brisk's observers and handlers look up on every request, as Netty
 * {@link AsciiString}s. Netty's header map hashes a {@code String} name (case-insensitively, character by
 * character) on every {@code get}; an {@code AsciiString} keeps its hash. A {@code String} is found here by
 * its own cached hash and an identity-first equals, so a lookup by a constant name (the usual case:
 * {@code "x-request-id"}, {@code "traceparent"}) hashes nothing. Other names fall back to the String.
 */
final class HeaderNames {
    private static final Map<String, AsciiString> KNOWN = new HashMap<>();

    static {
        for (AsciiString n : new AsciiString[] {HttpHeaderNames.ACCEPT, HttpHeaderNames.ACCEPT_ENCODING,
                HttpHeaderNames.AUTHORIZATION, HttpHeaderNames.CONTENT_TYPE, HttpHeaderNames.CONTENT_LENGTH,
                HttpHeaderNames.COOKIE, HttpHeaderNames.HOST, HttpHeaderNames.ORIGIN, HttpHeaderNames.USER_AGENT,
                HttpHeaderNames.IF_NONE_MATCH, HttpHeaderNames.IF_MODIFIED_SINCE, HttpHeaderNames.CONNECTION,
                HttpHeaderNames.UPGRADE, HttpHeaderNames.X_REQUESTED_WITH, AsciiString.cached("x-request-id"),
                AsciiString.cached("traceparent"), AsciiString.cached("tracestate"), AsciiString.cached("baggage"),
                AsciiString.cached("x-forwarded-for"), AsciiString.cached("x-forwarded-proto"),
                AsciiString.cached("x-forwarded-host"), AsciiString.cached("forwarded")}) {
            KNOWN.put(n.toString().intern(), n); // interned: a literal name is then found by identity
        }
    }

    private HeaderNames() {}

    /** The name to look {@code name} up by: its AsciiString when it is a known lower-case name, else itself. */
    static CharSequence of(String name) {
        AsciiString known = KNOWN.get(name);
        return known != null ? known : name;
    }
}
