package dev.brisk.internal.server;

import io.netty.util.AsciiString;

/**
 * The request header names Brisk's own observers look up on every request, as Netty {@link AsciiString}s.
 * Netty's header map hashes a {@code String} name (case-insensitively, character by character) on every
 * {@code get}; an {@code AsciiString} keeps its hash. The names are matched by identity: the observers pass
 * these very constants (Java interns string literals), so the match costs a compare or two and no memory
 * read (a map of names was tried: its lookup showed in the profile as more than the hashing it saved).
 * Any other name, or the same name spelt by the application, takes the String path as before.
 */
final class HeaderNames {
    private static final AsciiString REQUEST_ID = AsciiString.cached("x-request-id");
    private static final AsciiString TRACEPARENT = AsciiString.cached("traceparent");
    private static final AsciiString TRACESTATE = AsciiString.cached("tracestate");

    private HeaderNames() {}

    /** The name to look {@code name} up by: a pre-hashed AsciiString for the observers' constants, else itself. */
    @SuppressWarnings("StringEquality") // identity on purpose: interned literals, see the class comment
    static CharSequence of(String name) {
        if (name == "x-request-id") return REQUEST_ID;
        if (name == "traceparent") return TRACEPARENT;
        if (name == "tracestate") return TRACESTATE;
        return name;
    }
}
