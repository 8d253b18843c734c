package dev.brisk.params;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A file received in a {@code multipart/form-data} body, bound to a {@code @Form UploadFile}
 * parameter (FastAPI's {@code UploadFile}). The request body is bounded by
 * {@link dev.brisk.BriskConfig#maxBodySize}; the file's bytes are a slice of it: on the heap for a small body,
 * or of the temporary file a body larger than {@link dev.brisk.BriskConfig#spillThreshold} was written to
 * while it arrived (memory-mapped, so a large upload costs no heap; the file is deleted after the response).
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
    private final ByteBuffer data;

    UploadFile(String filename, String contentType, ByteBuffer data) {
        this.filename = filename;
        this.contentType = contentType;
        this.data = data.asReadOnlyBuffer();
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
        return data.limit();
    }

    /** A copy of the content on the heap. */
    public byte[] bytes() {
        byte[] out = new byte[data.limit()];
        data.get(0, out);
        return out;
    }

    /** The content as UTF-8 text. */
    public String text() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    /** A read-only view of the content, without a copy. */
    public ByteBuffer buffer() {
        return data.duplicate();
    }

    /** A stream over the content, without a copy. */
    public InputStream open() {
        ByteBuffer b = data.duplicate();
        return new InputStream() {
            @Override
            public int read() {
                return b.hasRemaining() ? b.get() & 0xff : -1;
            }

            @Override
            public int read(byte[] dst, int off, int len) {
                if (!b.hasRemaining()) return -1;
                int n = Math.min(len, b.remaining());
                b.get(dst, off, n);
                return n;
            }
        };
    }

    /** Copies the content to {@code target} (FastAPI users' {@code shutil.copyfileobj}). */
    public void transferTo(java.nio.file.Path target) throws java.io.IOException {
        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(target,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = data.duplicate();
            while (b.hasRemaining()) out.write(b);
        }
    }

    @Override
    public String toString() {
        return "UploadFile[" + filename + ", " + contentType + ", " + data.limit() + " bytes]";
    }
}
