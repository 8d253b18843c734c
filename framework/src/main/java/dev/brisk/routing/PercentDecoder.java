package dev.brisk.routing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding for path segments: unlike form decoding, '+' stays a plus. Used by {@link PathTemplate} only. */
final class PercentDecoder {
    private PercentDecoder() {}

    static String decode(String s) {
        if (s.indexOf('%') < 0) return s;
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && hex(s, i + 1) >= 0 && hex(s, i + 2) >= 0) {
                out.write(hex(s, i + 1) << 4 | hex(s, i + 2));
                i += 3;
            } else {
                int next = s.indexOf('%', i + 1);
                if (next < 0) next = s.length();
                out.writeBytes(s.substring(i, next).getBytes(StandardCharsets.UTF_8));
                i = next;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(String s, int i) {
        return i < s.length() ? Character.digit(s.charAt(i), 16) : -1;
    }
}
