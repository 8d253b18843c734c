package dev.brisk.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed path template such as {@code /items/{item_id}} or {@code /files/{rest:path}}: literal
 * segments, {@code {name}} segments (one path segment each) and a trailing {@code {name:path}}
 * catch-all (the rest of the path, slashes included).
 */
public final class PathTemplate {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String template;
    private final String[] literals;   // null entry = parameter segment
    private final String[] names;      // parameter name per segment, null for literals
    private final boolean catchAll;
    private final List<String> paramNames;

    private PathTemplate(String template, String[] literals, String[] names, boolean catchAll) {
        this.template = template;
        this.literals = literals;
        this.names = names;
        this.catchAll = catchAll;
        List<String> pn = new ArrayList<>();
        for (String n : names) if (n != null) pn.add(n);
        this.paramNames = List.copyOf(pn);
    }

    /** Parses a template; throws {@link IllegalArgumentException} with a readable reason. */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("route path must start with '/': " + template);
        }
        if (template.equals("/")) return new PathTemplate("/", new String[0], new String[0], false);
        String body = template.substring(1);
        String[] parts = body.split("/", -1);
        String[] literals = new String[parts.length];
        String[] names = new String[parts.length];
        boolean catchAll = false;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.startsWith("{") && p.endsWith("}")) {
                String inner = p.substring(1, p.length() - 1);
                String name = inner;
                if (inner.endsWith(":path")) {
                    if (i != parts.length - 1) {
                        throw new IllegalArgumentException("{" + inner + "} must be the last segment of " + template);
                    }
                    name = inner.substring(0, inner.length() - ":path".length());
                    catchAll = true;
                }
                if (!NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("bad parameter name '" + name + "' in " + template);
                }
                if (seen.contains(name)) {
                    throw new IllegalArgumentException("parameter '" + name + "' appears twice in " + template);
                }
                seen.add(name);
                names[i] = name;
            } else if (p.contains("{") || p.contains("}")) {
                throw new IllegalArgumentException("a parameter must be a whole segment: '" + p + "' in " + template);
            } else {
                literals[i] = p;
            }
        }
        return new PathTemplate(template, literals, names, catchAll);
    }

    public String template() {
        return template;
    }

    public List<String> paramNames() {
        return paramNames;
    }

    public boolean isStatic() {
        return paramNames.isEmpty();
    }

    int segmentCount() {
        return literals.length;
    }

    boolean catchAll() {
        return catchAll;
    }

    /** How many leading segments are literal: more literal = more specific (the router tries it first). */
    public int specificity() {
        int n = 0;
        for (String l : literals) if (l != null) n++;
        return n * 2 + (catchAll ? 0 : 1);
    }

    /**
     * Two templates clash if some path would match both with the same precedence: same segment count,
     * same catch-all-ness, and literals equal wherever both have literals and parameters in the same
     * places. The router refuses two routes of one method whose templates clash.
     */
    public boolean clashesWith(PathTemplate other) {
        if (literals.length != other.literals.length || catchAll != other.catchAll) return false;
        for (int i = 0; i < literals.length; i++) {
            boolean aParam = literals[i] == null, bParam = other.literals[i] == null;
            if (aParam != bParam) return false;
            if (!aParam && !literals[i].equals(other.literals[i])) return false;
        }
        return true;
    }

    /**
     * Whether a raw (still percent-encoded) path has this template's shape. Allocation-free: the
     * router tries templates in turn, and a miss must cost nothing but the comparison.
     *
     * <pre>{@code
     * PathTemplate.parse("/items/{id}").matches("/items/42");   // true
     * }</pre>
     */
    public boolean matches(String path) {
        if (literals.length == 0) return path.equals("/");
        int pos = 1; // skip leading '/'
        int n = literals.length;
        for (int i = 0; i < n; i++) {
            if (pos > path.length()) return false;
            if (catchAll && i == n - 1) return pos < path.length();
            int end = path.indexOf('/', pos);
            if (end < 0) end = path.length();
            if (i == n - 1 && end != path.length()) return false;
            if (literals[i] != null) {
                if (end - pos != literals[i].length() || !path.regionMatches(pos, literals[i], 0, literals[i].length())) {
                    return false;
                }
            } else if (end == pos) {
                return false; // empty segment never binds a parameter
            }
            pos = end + 1;
        }
        return pos >= path.length() + 1;
    }

    /**
     * The decoded parameters of a path that {@link #matches} this template. Immutable; one or two
     * parameters (the usual case) cost one small map, not a {@code HashMap}.
     *
     * <pre>{@code
     * PathTemplate.parse("/files/{name}").params("/files/a%20b");   // {name=a b}
     * }</pre>
     */
    public Map<String, String> params(String path) {
        int count = paramNames.size();
        String k1 = null, v1 = null, k2 = null, v2 = null;
        Map<String, String> many = count > 2 ? new LinkedHashMap<>(count * 2) : null;
        int pos = 1;
        int n = literals.length;
        for (int i = 0; i < n; i++) {
            int end;
            if (catchAll && i == n - 1) {
                end = path.length();
            } else {
                end = path.indexOf('/', pos);
                if (end < 0) end = path.length();
            }
            if (names[i] != null) {
                String v = PercentDecoder.decode(path.substring(pos, end));
                if (many != null) many.put(names[i], v);
                else if (k1 == null) { k1 = names[i]; v1 = v; }
                else { k2 = names[i]; v2 = v; }
            }
            pos = end + 1;
        }
        if (many != null) return Collections.unmodifiableMap(many);
        return k2 != null ? Map.of(k1, v1, k2, v2) : k1 != null ? Map.of(k1, v1) : Map.of();
    }

    @Override
    public String toString() {
        return template;
    }
}
