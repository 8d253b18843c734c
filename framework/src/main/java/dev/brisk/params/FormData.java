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
 * are strings, files are {@link UploadFile}s over the request's body bytes (no copy). More than
 * {@link #MAX_PARTS} fields or files is a 413, like Starlette's {@code max_fields}/{@code max_files}.
 */
final class FormData {
    static final int MAX_PARTS = 1000;
    static final FormData EMPTY = new FormData(Map.of(), Map.of());

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

    /** Parses {@code body}: a heap buffer, or a large body's temporary file mapped read-only. */
    static FormData parse(String contentType, ByteBuffer body) {
        if (contentType == null || !body.hasRemaining()) return EMPTY;
        String ct = contentType.toLowerCase(Locale.ROOT);
        if (ct.startsWith("application/x-www-form-urlencoded")) return urlencoded(text(body, 0, body.limit()));
        if (ct.startsWith("multipart/form-data")) {
            String boundary = param(contentType, "boundary");
            if (boundary == null || boundary.isEmpty()) throw new HttpException(400, "Missing boundary in multipart.");
            return multipart(body, boundary);
        }
        return EMPTY;
    }

    private static FormData urlencoded(String text) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        int count = 0;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            if (++count > MAX_PARTS) throw tooMany();
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

    private static HttpException tooMany() {
        return new HttpException(413, "Too many form parts. Maximum number of parts is " + MAX_PARTS + ".");
    }

    private static String text(ByteBuffer b, int from, int to) {
        byte[] bytes = new byte[to - from];
        b.get(from, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // Works on absolute positions of a ByteBuffer so a mapped upload is parsed in place: file parts
    // become slices of the mapping, never copied onto the heap.
    private static FormData multipart(ByteBuffer body, String boundary) {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Map<String, List<UploadFile>> files = new LinkedHashMap<>();
        int pos = indexOf(body, delim, 0);
        if (pos < 0) throw new HttpException(400, "Malformed multipart body.");
        int count = 0;
        while (true) {
            pos += delim.length;
            if (pos + 1 < body.limit() && body.get(pos) == '-' && body.get(pos + 1) == '-') break; // closing delimiter
            pos = skipLine(body, pos);
            int headersEnd = indexOf(body, new byte[] {'\r', '\n', '\r', '\n'}, pos);
            if (headersEnd < 0) throw new HttpException(400, "Malformed multipart body.");
            String headers = text(body, pos, headersEnd);
            int start = headersEnd + 4;
            int next = indexOf(body, delim, start);
            if (next < 0) throw new HttpException(400, "Malformed multipart body.");
            int end = next - 2; // the CRLF before the delimiter belongs to the boundary
            if (end < start) end = start;
            if (++count > MAX_PARTS) throw tooMany();
            String disposition = null;
            String type = null;
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon < 0) continue;
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (name.equals("content-disposition")) disposition = line.substring(colon + 1).trim();
                else if (name.equals("content-type")) type = line.substring(colon + 1).trim();
            }
            String name = disposition == null ? null : param(disposition, "name");
            if (name != null) {
                String filename = param(disposition, "filename");
                if (filename != null) {
                    files.computeIfAbsent(name, k -> new ArrayList<>()).add(new UploadFile(filename,
                            type == null ? "application/octet-stream" : type, body.slice(start, end - start)));
                } else {
                    fields.computeIfAbsent(name, k -> new ArrayList<>()).add(text(body, start, end));
                }
            }
            pos = next;
        }
        return new FormData(fields, files);
    }

    private static int skipLine(ByteBuffer b, int pos) {
        while (pos < b.limit() && b.get(pos) != '\n') pos++;
        return pos + 1;
    }

    static int indexOf(ByteBuffer hay, byte[] needle, int from) {
        int last = hay.limit() - needle.length;
        byte first = needle[0];
        outer:
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (hay.get(i) != first) continue;
            for (int j = 1; j < needle.length; j++) if (hay.get(i + j) != needle[j]) continue outer;
            return i;
        }
        return -1;
    }

    /** A {@code key=value} or {@code key="value"} parameter of a header value. */
    static String param(String header, String key) {
        for (String part : header.split(";")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase(key)) {
                String v = p.substring(eq + 1).trim();
                if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
                return v;
            }
        }
        return null;
    }
}
