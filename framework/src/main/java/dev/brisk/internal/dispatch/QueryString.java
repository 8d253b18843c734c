package dev.brisk.internal.dispatch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses {@code a=1&b=x+y&a=2} into ordered multi-values ('+' is a space, as in forms and Starlette). */
final class QueryString {
    private QueryString() {}

    static Map<String, List<String>> parse(String raw) {
        if (raw == null || raw.isEmpty()) return Map.of();
        // Hot path (every query-bound request): a single value is an immutable List.of, and only a
        // repeated key gets a growable list, sealed at the end; no per-pair substring of the pair.
        Map<String, List<String>> out = new LinkedHashMap<>(8);
        boolean repeated = false;
        int start = 0;
        int len = raw.length();
        while (start <= len) {
            int amp = raw.indexOf('&', start);
            if (amp < 0) amp = len;
            if (amp > start) {
                int eq = indexOf(raw, '=', start, amp);
                String k = decode(raw.substring(start, eq < 0 ? amp : eq));
                String v = eq < 0 ? "" : decode(raw.substring(eq + 1, amp));
                List<String> prev = out.putIfAbsent(k, List.of(v));
                if (prev != null) {
                    ArrayList<String> grow;
                    if (prev instanceof ArrayList<String> l) {
                        grow = l;
                    } else {
                        grow = new ArrayList<>(4);
                        grow.addAll(prev);
                        out.put(k, grow);
                    }
                    grow.add(v);
                    repeated = true;
                }
            }
            start = amp + 1;
        }
        if (repeated) out.replaceAll((k, v) -> v instanceof ArrayList<String> l ? Collections.unmodifiableList(l) : v);
        return Collections.unmodifiableMap(out);
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) if (s.charAt(i) == c) return i;
        return -1;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s; // keep the raw text; a typed binder will report it if it matters
        }
    }
}
