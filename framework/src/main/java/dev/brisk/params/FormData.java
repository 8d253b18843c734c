package dev.brisk.params;

import dev.brisk.HttpException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed form body: {@code application/x-www-form-urlencoded} or {@code multipart/form-data}. Fields
 * are strings, files are {@link UploadFile}s over the request's body bytes (no copy). The limits of
 * {@link FormLimits} (Starlette's {@code max_fields}/{@code max_files}) and RFC 2046's 70-character
 * boundary are enforced with 400s; the boundary search is linear in the body's size whatever the
 * boundary (Knuth–Morris–Pratt), so a crafted boundary cannot turn a 10 MiB upload into seconds of CPU.
 */
final class FormData {
    static final int MAX_BOUNDARY = 70;
    // a part's own headers (Content-Disposition, Content-Type): Starlette's parser keeps them small too
    static final int MAX_PART_HEADERS = 16 * 1024;
    static final FormData EMPTY = new FormData(Map.of(), Map.of());
    private static final byte[] CRLFCRLF = {'\r', '\n', '\r', '\n'};

    private final Map<String, List<String>> fields;
    private final Map<String, List<UploadFile>> files;

    private FormData(Map<String, List<String>> fields, Map<String, List<UploadFile>> files) {
        this.fields = fields;
        this.files = files;
    }

    List<String> fields(String name) {
        return fields.getOrDefault(name, List.of());
    }

    List<UploadFile> files(String name) {
        return files.getOrDefault(name, List.of());
    }

    static FormData parse(String contentType, ByteBuffer body) {
        return parse(contentType, body, FormLimits.DEFAULT);
    }

    /** Parses {@code body}: a heap buffer, or a large body's temporary file mapped read-only. */
    static FormData parse(String contentType, ByteBuffer body, FormLimits limits) {
        if (contentType == null || !body.hasRemaining()) return EMPTY;
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("application/x-www-form-urlencoded")) return urlencoded(text(body, 0, body.limit()), limits);
        if (ct.startsWith("multipart/form-data")) {
            String boundary = HeaderParams.parse(contentType).get("boundary");
            if (boundary == null || boundary.isEmpty()) throw new HttpException(400, "Missing boundary in multipart.");
            if (boundary.length() > MAX_BOUNDARY) {
                throw new HttpException(400, "Multipart boundary is longer than " + MAX_BOUNDARY + " characters.");
            }
            return multipart(body, boundary, limits);
        }
        return EMPTY;
    }

    private static FormData urlencoded(String text, FormLimits limits) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int count = 0;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            if (++count > limits.maxFields()) throw tooMany("fields", limits.maxFields());
            int eq = pair.indexOf('=');
            out.computeIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), k -> new ArrayList<>())
                    .add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return new FormData(out, Map.of());
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static HttpException tooMany(String what, int max) {
        return new HttpException(400, "Too many " + what + ". Maximum number of " + what + " is " + max + ".");
    }

    private static HttpException malformed() {
        return new HttpException(400, "Malformed multipart body.");
    }

    private static String text(ByteBuffer b, int from, int to) {
        byte[] bytes = new byte[to - from];
        b.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // Works on absolute positions of a ByteBuffer so a mapped upload is parsed in place: file parts
    // become slices of the mapping, never copied onto the heap.
    private static FormData multipart(ByteBuffer body, String boundary, FormLimits limits) {
        // RFC 2046: every delimiter but a first one at the very start is CRLF "--" boundary
        Kmp delim = new Kmp(("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        Kmp headEnd = new Kmp(CRLFCRLF);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, List<UploadFile>> files = new LinkedHashMap<>();
        int dashed = delim.length() - 2;
        int pos;
        if (startsWith(body, delim.needle, 2)) {
            pos = dashed;
        } else {
            int first = delim.find(body, 0, body.limit());
            if (first < 0) throw malformed();
            pos = first + delim.length();
        }
        int parts = 0;
        int fieldCount = 0;
        int fileCount = 0;
        while (true) {
            if (pos + 1 < body.limit() && body.get(pos) == '-' && body.get(pos + 1) == '-') break; // closing delimiter
            pos = skipLine(body, pos);
            int headersEnd = headEnd.find(body, pos, Math.min(body.limit(), pos + MAX_PART_HEADERS + 4));
            if (headersEnd < 0) throw malformed();
            String headers = text(body, pos, headersEnd);
            int start = headersEnd + 4;
            int end = delim.find(body, start, body.limit());
            if (end < 0) throw malformed();
            if (++parts > limits.maxParts()) throw tooMany("parts", limits.maxParts());
            String disposition = null;
            String type = null;
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-disposition")) disposition = line.substring(colon + 1).trim();
                else if (name.equals("content-type")) type = line.substring(colon + 1).trim();
            }
            Map<String, String> params = disposition == null ? Map.of() : HeaderParams.parse(disposition);
            String name = params.get("name");
            if (name != null) {
                String filename = params.get("filename");
                if (filename != null) {
                    if (++fileCount > limits.maxFiles()) throw tooMany("files", limits.maxFiles());
                    files.computeIfAbsent(name, k -> new ArrayList<>()).add(new UploadFile(filename,
                            type == null ? "application/octet-stream" : type, body.slice(start, end - start)));
                } else {
                    if (++fieldCount > limits.maxFields()) throw tooMany("fields", limits.maxFields());
                    fields.computeIfAbsent(name, k -> new ArrayList<>()).add(text(body, start, end));
                }
            }
            pos = end + delim.length();
        }
        return new FormData(fields, files);
    }

    private static boolean startsWith(ByteBuffer b, byte[] needle, int from) {
        if (b.limit() < needle.length - from) return false;
        for (int i = from; i < needle.length; i++) if (b.get(i - from) != needle[i]) return false;
        return true;
    }

    private static int skipLine(ByteBuffer b, int pos) {
        while (pos < b.limit() && b.get(pos) != '\n') pos++;
        return pos + 1;
    }

    /** A needle with its Knuth–Morris–Pratt failure table: every search is O(haystack + needle). */
    static final class Kmp {
        final byte[] needle;
        private final int[] fail;

        Kmp(byte[] needle) {
            this.needle = needle;
            this.fail = new int[needle.length];
            for (int i = 1, k = 0; i < needle.length; i++) {
                while (k > 0 && needle[i] != needle[k]) k = fail[k - 1];
                if (needle[i] == needle[k]) k++;
                fail[i] = k;
            }
        }

        int length() {
            return needle.length;
        }

        /** The first index in [from, to) where the needle starts and ends inside the range, or -1. */
        int find(ByteBuffer hay, int from, int to) {
            for (int i = Math.max(from, 0), k = 0; i < to; i++) {
                byte b = hay.get(i);
                while (k > 0 && b != needle[k]) k = fail[k - 1];
                if (b == needle[k]) k++;
                if (k == needle.length) return i - needle.length + 1;
            }
            return -1;
        }
    }
}
