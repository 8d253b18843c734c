package dev.brisk;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@code Set-Cookie} header with Starlette's {@code set_cookie} options and defaults ({@code Path=/},
 * {@code SameSite=Lax}), checked by RFC 6265's rules — the ones Netty's {@code ServerCookieEncoder.STRICT}
 * applies: the name is a token, the value only cookie-octets (optionally in double quotes), path and
 * domain free of control characters and {@code ;}. Anything else throws {@link IllegalArgumentException}
 * (the developer's error: a 500 logged with the route, nothing on the wire). Encode free-form values
 * first, e.g. with Base64url. Immutable: each option returns a copy.
 *
 * <pre>{@code
 * return Response.text("welcome").withCookie(ResponseCookie.of("session", token)
 *         .maxAge(Duration.ofHours(1)).secure(true).httpOnly(true)
 *         .sameSite(ResponseCookie.SameSite.STRICT));
 * return Response.text("bye").withoutCookie("session");
 * }</pre>
 */
public final class ResponseCookie {
    /** The {@code SameSite} attribute. */
    public enum SameSite { STRICT, LAX, NONE }

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String name;
    private final String value;
    private final Long maxAge;
    private final Instant expires;
    private final String path;
    private final String domain;
    private final boolean secure;
    private final boolean httpOnly;
    private final SameSite sameSite;
    private final boolean partitioned;

    private ResponseCookie(String name, String value, Long maxAge, Instant expires, String path, String domain,
                           boolean secure, boolean httpOnly, SameSite sameSite, boolean partitioned) {
        this.name = name;
        this.value = value;
        this.maxAge = maxAge;
        this.expires = expires;
        this.path = path;
        this.domain = domain;
        this.secure = secure;
        this.httpOnly = httpOnly;
        this.sameSite = sameSite;
        this.partitioned = partitioned;
    }

    /** A session cookie {@code name=value} with Starlette's defaults: {@code Path=/; SameSite=Lax}. */
    public static ResponseCookie of(String name, String value) {
        checkName(name);
        checkValue(value);
        return new ResponseCookie(name, value, null, null, "/", null, false, false, SameSite.LAX, false);
    }

    /** A cookie that deletes {@code name} ({@code Max-Age=0}, expired), as Starlette's {@code delete_cookie}. */
    public static ResponseCookie deleting(String name) {
        return of(name, "").maxAge(Duration.ZERO).expires(Instant.EPOCH);
    }

    /** {@code Max-Age} in whole seconds ({@code null}: none, a session cookie). */
    public ResponseCookie maxAge(Duration value) {
        return new ResponseCookie(name, this.value, value == null ? null : value.toSeconds(), expires, path, domain,
                secure, httpOnly, sameSite, partitioned);
    }

    /** {@code Expires} ({@code null}: none). */
    public ResponseCookie expires(Instant value) {
        return new ResponseCookie(name, this.value, maxAge, value, path, domain, secure, httpOnly, sameSite, partitioned);
    }

    /** {@code Path} (default {@code /}; {@code null}: none). */
    public ResponseCookie path(String value) {
        checkAttribute("path", value);
        return new ResponseCookie(name, this.value, maxAge, expires, value, domain, secure, httpOnly, sameSite, partitioned);
    }

    /** {@code Domain} ({@code null}, the default: the request's host only). */
    public ResponseCookie domain(String value) {
        checkAttribute("domain", value);
        return new ResponseCookie(name, this.value, maxAge, expires, path, value, secure, httpOnly, sameSite, partitioned);
    }

    /** {@code Secure}: sent over HTTPS only. */
    public ResponseCookie secure(boolean value) {
        return new ResponseCookie(name, this.value, maxAge, expires, path, domain, value, httpOnly, sameSite, partitioned);
    }

    /** {@code HttpOnly}: invisible to scripts. */
    public ResponseCookie httpOnly(boolean value) {
        return new ResponseCookie(name, this.value, maxAge, expires, path, domain, secure, value, sameSite, partitioned);
    }

    /** {@code SameSite} (default {@code Lax}; {@code null}: none). {@code NONE} needs {@link #secure}. */
    public ResponseCookie sameSite(SameSite value) {
        return new ResponseCookie(name, this.value, maxAge, expires, path, domain, secure, httpOnly, value, partitioned);
    }

    /** {@code Partitioned} (CHIPS); browsers require {@link #secure} with it. */
    public ResponseCookie partitioned(boolean value) {
        return new ResponseCookie(name, this.value, maxAge, expires, path, domain, secure, httpOnly, sameSite, value);
    }

    public String name() { return name; }
    public String value() { return value; }

    /** The {@code Set-Cookie} header value. */
    public String encode() {
        StringBuilder sb = new StringBuilder(64).append(name).append('=').append(value);
        if (maxAge != null) sb.append("; Max-Age=").append(maxAge);
        if (expires != null) sb.append("; Expires=").append(HTTP_DATE.format(expires));
        if (path != null) sb.append("; Path=").append(path);
        if (domain != null) sb.append("; Domain=").append(domain);
        if (secure) sb.append("; Secure");
        if (httpOnly) sb.append("; HttpOnly");
        if (sameSite != null) sb.append("; SameSite=").append(switch (sameSite) {
            case STRICT -> "Strict";
            case LAX -> "Lax";
            case NONE -> "None";
        });
        if (partitioned) sb.append("; Partitioned");
        return sb.toString();
    }

    @Override
    public String toString() {
        return encode();
    }

    static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!HeaderRules.isToken(name)) {
            throw new IllegalArgumentException("cookie name " + HeaderRules.printable(name) + " is not an RFC 6265 token");
        }
    }

    /** cookie-value = *cookie-octet / ( DQUOTE *cookie-octet DQUOTE ) (RFC 6265 §4.1.1). */
    static void checkValue(String value) {
        Objects.requireNonNull(value, "value");
        int from = 0;
        int to = value.length();
        if (to >= 2 && value.charAt(0) == '"' && value.charAt(to - 1) == '"') {
            from = 1;
            to--;
        }
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            boolean octet = c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a)
                    || (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
            if (!octet) {
                throw new IllegalArgumentException("cookie value " + HeaderRules.printable(value)
                        + " holds a character RFC 6265 forbids at index " + i + " (encode it, e.g. Base64url)");
            }
        }
    }

    private static void checkAttribute(String attribute, String value) {
        if (value == null) return;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';') {
                throw new IllegalArgumentException("cookie " + attribute + " " + HeaderRules.printable(value)
                        + " holds a control character or ';'");
            }
        }
    }
}
