package dev.brisk.params;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of a header value such as {@code form-data; name="a;b"; filename*=UTF-8''%E2%82%AC.txt}:
 * quote-aware (RFC 9110 quoted-string with backslash escapes, so a quoted {@code ;} does not cut a
 * value) and with RFC 8187 extended values ({@code key*}) decoded and preferred over the plain
 * {@code key}, as RFC 6266 asks for {@code filename*}. Hand-written: the JDK has no such parser and it
 * is a few dozen lines of a grammar, linear in the header's length.
 */
final class HeaderParams {
    private HeaderParams() {}

    /** Lower-cased parameter names to values; the leading value (e.g. {@code form-data}) is skipped. */
    static Map<String, String> parse(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<String, String> extended = new LinkedHashMap<>();
        int n = header.length();
        int i = header.indexOf(';');
        if (i < 0) return out;
        i++;
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) i++;
            int keyStart = i;
            while (i < n && header.charAt(i) != '=' && header.charAt(i) != ';') i++;
            String key = header.substring(keyStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= n || header.charAt(i) == ';') continue; // a bare word: no value
            i++; // '='
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == '\t')) i++;
            String value;
            if (i < n && header.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && header.charAt(i) != '"') {
                    char c = header.charAt(i);
                    if (c == '\\' && i + 1 < n) c = header.charAt(++i);
                    sb.append(c);
                    i++;
                }
                i++; // closing quote (or the end of an unterminated one)
                value = sb.toString();
                while (i < n && header.charAt(i) != ';') i++;
            } else {
                int start = i;
                while (i < n && header.charAt(i) != ';') i++;
                value = header.substring(start, i).trim();
            }
            if (key.isEmpty()) continue;
            if (key.endsWith("*")) {
                String decoded = extended(value);
                if (decoded != null) extended.put(key.substring(0, key.length() - 1), decoded);
            } else {
                out.putIfAbsent(key, value);
            }
        }
        out.putAll(extended);
        return out;
    }

    /** RFC 8187: {@code charset'language'percent-encoded}; {@code null} when malformed. */
    private static String extended(String v) {
        int q1 = v.indexOf('\'');
        int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
        if (q2 < 0) return null;
        Charset cs;
        try {
            String name = v.substring(0, q1);
            cs = name.equalsIgnoreCase("utf-8") ? StandardCharsets.UTF_8
                    : name.equalsIgnoreCase("iso-8859-1") ? StandardCharsets.ISO_8859_1 : null;
        } catch (RuntimeException e) {
            return null;
        }
        if (cs == null) return null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(v.length());
        for (int i = q2 + 1; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '%') {
                if (i + 2 >= v.length()) return null;
                int hi = Character.digit(v.charAt(i + 1), 16);
                int lo = Character.digit(v.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return null;
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c < 128) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        return bytes.toString(cs);
    }
}
