package dev.brisk.websocket;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** A hand-rolled WebSocket client that can send what a real one never would (for protocol tests). */
final class RawSocket implements AutoCloseable {
    record Frame(boolean fin, int opcode, byte[] payload) {
        int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    final Socket socket;
    final DataInputStream in;
    final OutputStream out;
    String handshake;

    RawSocket(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends the upgrade request and reads the answer's head; returns its status. */
    int upgrade(String path, Map<String, String> headers) throws IOException {
        StringBuilder sb = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
        if (!headers.containsKey("Sec-WebSocket-Version")) sb.append("Sec-WebSocket-Version: 13\r\n");
        headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        out.write(sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) break;
            head.write(c);
        }
        handshake = head.toString(StandardCharsets.ISO_8859_1);
        return Integer.parseInt(handshake.split(" ")[1]);
    }

    int upgrade(String path) throws IOException {
        return upgrade(path, Map.of());
    }

    /** Writes one frame; {@code masked} false breaks the client-to-server rule. */
    void frame(boolean fin, int opcode, byte[] payload, boolean masked) throws IOException {
        out.write(encode(fin, opcode, payload, masked, payload.length));
        out.flush();
    }

    void text(String s) throws IOException {
        frame(true, 1, s.getBytes(StandardCharsets.UTF_8), true);
    }

    static byte[] encode(boolean fin, int opcode, byte[] payload, boolean masked, long declaredLength) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(payload.length + 14);
        b.write((fin ? 0x80 : 0) | opcode);
        int m = masked ? 0x80 : 0;
        if (declaredLength < 126) b.write(m | (int) declaredLength);
        else if (declaredLength < 65536) {
            b.write(m | 126);
            b.write((int) (declaredLength >> 8));
            b.write((int) declaredLength);
        } else {
            b.write(m | 127);
            for (int i = 7; i >= 0; i--) b.write((int) (declaredLength >> (8 * i)));
        }
        byte[] key = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(key);
            b.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) b.write(payload[i] ^ key[i & 3]);
        return b.toByteArray();
    }

    /** The next frame from the server, or {@code null} at end of stream. */
    Frame read() throws IOException {
        int b0 = in.read();
        if (b0 < 0) return null;
        int b1 = in.readUnsignedByte();
        long len = b1 & 0x7f;
        if (len == 126) len = in.readUnsignedShort();
        else if (len == 127) len = in.readLong();
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }

    /** Reads until the server's close frame; returns its code (skipping pings and data). */
    int closeCode() throws IOException {
        Frame f;
        while ((f = read()) != null) {
            if (f.opcode() == 8) return f.closeCode();
        }
        return -1;
    }

    /** Whether the server closed the TCP connection (EOF) within the socket timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) return true;
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
