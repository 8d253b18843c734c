package dev.brisk.testing;

import dev.brisk.Brisk;
import dev.brisk.internal.server.LocalPipe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One raw HTTP/1.1 connection to an app, for what a well-behaved client cannot send: pipelined
 * requests, malformed input, a client that goes away mid-request, reading a stream chunk by chunk.
 * Bytes go out exactly as given. Get one from {@link BriskTestClient#raw()} (in either mode) or
 * {@link #open(Brisk)} for a running port-bound app; reads time out after 20 seconds.
 *
 * <pre>{@code
 * try (BriskTestClient client = BriskTestClient.inProcess(app);
 *      RawConnection raw = client.raw()) {
 *     raw.send("GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: x\r\n\r\n");
 *     assert raw.read().body().contains("\"item_id\":1");   // answered in order
 *     assert raw.read().body().contains("\"item_id\":2");
 *     raw.send("GET /items/3 HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n");
 *     assert raw.read().status() == 400;
 * }
 * }</pre>
 */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final LocalPipe pipe;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket, LocalPipe pipe, InputStream in, OutputStream out) {
        this.socket = socket;
        this.pipe = pipe;
        this.in = in;
        this.out = out;
    }

    /** A TCP connection to a running, port-bound app. */
    public static RawConnection open(Brisk app) throws IOException {
        if (app.port() <= 0) throw new IllegalStateException("the app has no port (in-process?): use BriskTestClient.raw()");
        String host = app.config().host();
        return open(host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host, app.port());
    }

    static RawConnection open(String host, int port) throws IOException {
        Socket s = new Socket(host, port);
        s.setSoTimeout(20_000);
        return new RawConnection(s, null, s.getInputStream(), s.getOutputStream());
    }

    static RawConnection over(LocalPipe pipe) {
        return new RawConnection(null, pipe, pipe.input(), pipe.output());
    }

    /** Sends text as ISO-8859-1 bytes (one byte per char, as HTTP/1.1 heads are). */
    public RawConnection send(String text) throws IOException {
        return sendBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawConnection sendBytes(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response; {@code head} = true for the answer to a HEAD request (no body follows). */
    public RawResponse read(boolean head) throws IOException {
        String status = line();
        if (status == null) throw new IOException("connection closed");
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        while ((l = line()) != null && !l.isEmpty()) {
            int c = l.indexOf(':');
            headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (!head) {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                byte[] chunk;
                while ((chunk = chunkBytes()) != null) body.writeBytes(chunk);
            } else if (headers.containsKey("content-length")) {
                body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
            }
        }
        return new RawResponse(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
    }

    /** Reads one response to a request that was not HEAD. */
    public RawResponse read() throws IOException {
        return read(false);
    }

    /**
     * Reads one chunk of a chunked body (after its head was read, e.g. with {@link #readHead()}); {@code null}
     * at the last chunk.
     */
    public String readChunk() throws IOException {
        byte[] b = chunkBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private byte[] chunkBytes() throws IOException {
        int n = Integer.parseInt(line().trim(), 16);
        if (n == 0) {
            line();   // the empty trailer
            return null;
        }
        byte[] data = in.readNBytes(n);
        line();
        return data;
    }

    /** Reads a status line and headers only (for a streamed body read with {@link #readChunk()}). */
    public RawResponse readHead() throws IOException {
        return read(true);
    }

    /** Whether the server closed the connection (end of stream before the read timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketException e) {
            return true;
        }
    }

    /** The bytes from the server, unparsed. */
    public InputStream input() {
        return in;
    }

    /** The TCP socket, for socket options; port-bound connections only. */
    public Socket socket() {
        if (socket == null) throw new IllegalStateException("an in-process connection has no socket");
        return socket;
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        if (c == -1 && b.size() == 0) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        if (socket != null) socket.close();
        else pipe.close();
    }
}
