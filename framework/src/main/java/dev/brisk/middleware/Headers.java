package dev.brisk.middleware;

import dev.brisk.Response;

/** Header edits on immutable responses that {@link Response} has no method for. */
final class Headers {
    private Headers() {}

    /** Sets {@code name} to {@code value}, replacing any existing value (case-insensitive). */
    static Response set(Response r, String name, String value) {
        String current = r.header(name);
        if (current == null) return r.withHeader(name, value);
        if (current.equals(value)) return r;
        return r.withoutHeader(name).withHeader(name, value);
    }

    /** Adds {@code token} to the {@code Vary} header unless already listed (Starlette's {@code add_vary_header}). */
    static Response addVary(Response r, String token) {
        String vary = r.header("vary");
        if (vary == null) return r.withHeader("Vary", token);
        for (String t : vary.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) return r;
        }
        return set(r, "Vary", vary + ", " + token);
    }
}
