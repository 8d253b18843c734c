package dev.brisk;

import java.nio.charset.StandardCharsets;

/**
 * The checks every header Brisk produces goes through (RFC 9110 §5: a name is a token; a value holds
 * no CR, LF or NUL), and Starlette's percent-quoting of redirect targets. Hand-written because they
 * run on every response header: a table lookup per character, no regex, no allocation.
 */
final class HeaderRules {
    private static final boolean[] TOKEN = new boolean[128];
    // Python's quote(url, safe=":/%#?=@[]!$&'()*+,;") keeps these plus the unreserved characters
    private static final boolean[] URL_SAFE = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) TOKEN[c] = URL_SAFE[c] = true;
        for (char c = 'a'; c <= 'z'; c++) TOKEN[c] = URL_SAFE[c] = true;
        for (char c = 'A'; c <= 'Z'; c++) TOKEN[c] = URL_SAFE[c] = true;
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) TOKEN[c] = true;
        for (char c : "_.-~:/%#?=@[]!$&'()*+,;".toCharArray()) URL_SAFE[c] = true;
    }

    private HeaderRules() {}

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TOKEN[c]) return false;
        }
        return true;
    }

    static void checkName(String name) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("header name " + printable(name) + " is not an RFC 9110 token");
        }
    }

    static void checkValue(String name, String value) {
        if (value == null) throw new IllegalArgumentException("header " + name + " has a null value");
        // three indexOf scans (vectorised JDK intrinsics) rather than a charAt loop with three compares per
        // character: the loop was most of an X-Request-ID's cost in the observed server's profile
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf(0) < 0) return;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + " value holds CR, LF or NUL at index " + i
                        + ": " + printable(value));
            }
        }
    }

    /** Percent-encodes a URL as Starlette's {@code RedirectResponse} does (UTF-8, delimiters kept). */
    static String quoteUrl(String url) {
        int i = 0;
        while (i < url.length() && url.charAt(i) < 128 && URL_SAFE[url.charAt(i)]) i++;
        if (i == url.length()) return url;
        StringBuilder sb = new StringBuilder(url.length() + 16).append(url, 0, i);
        for (byte b : url.substring(i).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && URL_SAFE[c]) sb.append((char) c);
            else sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                    .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
        return sb.toString();
    }

    // For error messages: never echo control characters into a log line either.
    static String printable(String s) {
        if (s == null) return "null";
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 80) + 2).append('"');
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.append(s.length() > 80 ? "...\"" : "\"").toString();
    }
}
