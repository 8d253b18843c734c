package dev.brisk.testing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Path lookup and number-tolerant equality over decoded JSON (maps, lists, numbers, strings). */
final class JsonValues {
    private static final Object MISSING = new Object() {
        @Override public String toString() { return "<missing>"; }
    };

    private JsonValues() {}

    static boolean isMissing(Object v) {
        return v == MISSING;
    }

    /**
     * Follows a path such as {@code detail[0].loc[1]} or {@code detail.0.loc.1}; the empty path is the
     * root. Returns a marker for a path that does not exist (tested with {@link #isMissing}).
     */
    static Object at(Object root, String path) {
        Object cur = root;
        if (path == null || path.isEmpty() || path.equals("$")) return cur;
        String normalized = path.startsWith("$.") ? path.substring(2) : path;
        for (String step : normalized.replace("[", ".").replace("]", "").split("\\.")) {
            if (step.isEmpty()) continue;
            if (cur instanceof Map<?, ?> m) {
                if (!m.containsKey(step)) return MISSING;
                cur = m.get(step);
            } else if (cur instanceof List<?> l) {
                int i;
                try {
                    i = Integer.parseInt(step);
                } catch (NumberFormatException e) {
                    return MISSING;
                }
                if (i < 0) i += l.size();
                if (i < 0 || i >= l.size()) return MISSING;
                cur = l.get(i);
            } else {
                return MISSING;
            }
        }
        return cur;
    }

    /** Deep equality where 1, 1L and 1.0 are the same number. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) return false;
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()))) return false;
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) return false;
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
