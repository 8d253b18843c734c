package dev.brisk.lab.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Encodes the bytes of one request once, so that sending it is a buffer duplicate and a write. */
final class Requests {
    private Requests() {}

    static byte[] encode(LoadSpec spec, Target target) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(spec.method()).append(' ').append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean agent = false;
        boolean accept = false;
        for (Map.Entry<String, String> h : spec.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            host |= name.equals("host");
            agent |= name.equals("user-agent");
            accept |= name.equals("accept");
        }
        if (!host) {
            sb.append("Host: ").append(target.hostHeader()).append("\r\n");
        }
        if (!agent) {
            sb.append("User-Agent: brisk-load\r\n");
        }
        if (!accept) {
            sb.append("Accept: */*\r\n");
        }
        for (Map.Entry<String, String> h : spec.headers()) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        int bodyLength = spec.bodyLength();
        boolean wantsBody = switch (spec.method()) {
            case "POST", "PUT", "PATCH" -> true;
            default -> false;
        };
        if (bodyLength >= 0 || wantsBody) {
            sb.append("Content-Length: ").append(Math.max(bodyLength, 0)).append("\r\n");
        }
        sb.append("\r\n");
        // Header values may carry Latin-1 (obs-text); the body is UTF-8 bytes as given.
        byte[] head = sb.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (bodyLength <= 0) {
            return head;
        }
        byte[] all = new byte[head.length + bodyLength];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(spec.bodyUnsafe(), 0, all, head.length, bodyLength);
        return all;
    }
}
