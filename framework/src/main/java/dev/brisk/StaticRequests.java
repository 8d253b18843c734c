package dev.brisk;

import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The request side of {@link StaticFiles}: which file is asked for, conditional requests, ranges. */
final class StaticRequests {
    /** {@link #range}'s answer for a range that lies wholly past the end (416). */
    static final long[] UNSATISFIABLE = new long[0];

    private StaticRequests() {}

    /**
     * The path below the mount, already percent-decoded, as segments; {@code null} when it tries to
     * leave the directory or names something no file can be called. {@code %2e%2e} arrives here as
     * {@code ..}, and {@code %2f} as a slash, so checking after decoding covers the encoded forms.
     */
    static List<String> segments(String rel) {
        List<String> out = new ArrayList<>();
        for (String s : rel.split("/", -1)) {
            if (s.isEmpty()) continue;              // "a//b" and a trailing slash
            if (s.equals(".") || s.equals("..")) return null;
            if (s.indexOf('\\') >= 0 || s.indexOf('\0') >= 0) return null;
            out.add(s);
        }
        return out;
    }

    /** Whether {@code Accept-Encoding} allows {@code coding} (listed or {@code *}, with a quality above zero). */
    static boolean accepts(String acceptEncoding, String coding) {
        if (acceptEncoding == null) return false;
        boolean star = false;
        for (String part : acceptEncoding.split(",")) {
            String[] p = part.trim().split(";");
            String name = p[0].trim().toLowerCase(Locale.ROOT);
            boolean allowed = quality(p) > 0;
            if (name.equals(coding)) return allowed;
            if (name.equals("*")) star = allowed;
        }
        return star;
    }

    private static double quality(String[] params) {
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /**
     * RFC 9110 §13.2.2: {@code If-None-Match} decides when present (weak comparison); otherwise
     * {@code If-Modified-Since}, for GET and HEAD.
     */
    static boolean notModified(Request req, String etag, long modifiedSeconds) {
        String inm = req.header("if-none-match");
        if (inm != null) return etagMatches(inm, etag, true);
        String ims = req.header("if-modified-since");
        if (ims == null) return false;
        long since = httpDate(ims);
        return since >= 0 && modifiedSeconds <= since;
    }

    private static boolean etagMatches(String header, String etag, boolean weak) {
        String strong = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*")) return true;
            if (weak && c.startsWith("W/")) c = c.substring(2);
            if (c.equals(strong)) return true;
        }
        return false;
    }

    /** Seconds since the epoch of an HTTP date, or -1 when it is not one. */
    static long httpDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), StaticFiles.HTTP_DATE).toEpochSecond();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }

    /**
     * The single byte range asked for as {@code {first, last}} (inclusive), {@code null} to send the
     * whole file (no Range, a stale If-Range, several ranges or a malformed header: RFC 9110 lets a
     * server ignore those), or {@link #UNSATISFIABLE}.
     */
    static long[] range(Request req, String etag, long modifiedSeconds, long size) {
        String h = req.header("range");
        if (h == null) return null;
        String ifRange = req.header("if-range");
        if (ifRange != null) {
            String v = ifRange.trim();
            boolean fresh = v.startsWith("\"") || v.startsWith("W/")
                    ? !v.startsWith("W/") && v.equals(etag)            // If-Range compares strongly
                    : httpDate(v) == modifiedSeconds;
            if (!fresh) return null;
        }
        String spec = h.trim();
        if (!spec.regionMatches(true, 0, "bytes=", 0, 6)) return null;
        spec = spec.substring(6).trim();
        if (spec.indexOf(',') >= 0) return null;
        int dash = spec.indexOf('-');
        if (dash < 0) return null;
        try {
            String a = spec.substring(0, dash).trim(), b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {                                   // bytes=-N: the last N bytes
                long n = Long.parseLong(b);
                if (n < 0) return null;
                if (n == 0 || size == 0) return UNSATISFIABLE;
                return new long[] {Math.max(0, size - n), size - 1};
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Long.parseLong(b);
            if (first < 0 || (!b.isEmpty() && last < first)) return null;
            if (first >= size) return UNSATISFIABLE;
            return new long[] {first, Math.min(last, size - 1)};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
