package dev.brisk.params;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A file received in a {@code multipart/form-data} body, bound to a {@code @Form UploadFile}
 * parameter (FastAPI's {@code UploadFile}). The request body is bounded by
 * {@link dev.brisk.BriskConfig#maxBodySize}, and the file's bytes are a slice of it, held in memory.
 *
 * <pre>{@code
 * @Post("/files")
 * public Map<String, Object> upload(@Form UploadFile file) {
 *     return Map.of("filename", file.filename(), "size", file.size(), "type", file.contentType());
 * }
 * }</pre>
 */
public final class UploadFile {
    private final String filename;
    private final String contentType;
    private final byte[] data;
    private final int offset;
    private final int length;

    UploadFile(String filename, String contentType, byte[] data, int offset, int length) {
        this.filename = filename;
        this.contentType = contentType;
        this.data = data;
        this.offset = offset;
        this.length = length;
    }

    /** The client's file name (may be empty). */
    public String filename() {
        return filename;
    }

    /** The part's content type ({@code application/octet-stream} when not sent). */
    public String contentType() {
        return contentType;
    }

    public long size() {
        return length;
    }

    /** A copy of the content. */
    public byte[] bytes() {
        byte[] out = new byte[length];
        System.arraycopy(data, offset, out, 0, length);
        return out;
    }

    /** The content as UTF-8 text. */
    public String text() {
        return new String(data, offset, length, StandardCharsets.UTF_8);
    }

    /** A stream over the content. */
    public InputStream open() {
        return new ByteArrayInputStream(data, offset, length);
    }

    @Override
    public String toString() {
        return "UploadFile[" + filename + ", " + contentType + ", " + length + " bytes]";
    }
}
