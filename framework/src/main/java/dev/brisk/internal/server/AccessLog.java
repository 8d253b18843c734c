package dev.brisk.internal.server;

import dev.brisk.Response;
import dev.brisk.Status;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * The access log on its own logger, {@code brisk.access}: uvicorn's line by default
 * ({@code 127.0.0.1:60435 - "GET /sync HTTP/1.1" 200 OK}), or one JSON object a line for log shippers
 * ({@code BriskConfig.accessLogJson(true)}). The request id (the answer's {@code X-Request-ID}, see
 * {@code RequestIds}) is in the JSON object and in the MDC as {@code request_id} while the line is
 * logged, so a text pattern can show it too. Switch the log off with {@code BriskConfig.accessLog(false)}
 * or by setting the logger's level to OFF.
 */
final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("brisk.access");
    private static final String REQUEST_ID = "x-request-id";

    private AccessLog() {}

    static boolean enabled() {
        return log.isInfoEnabled();
    }

    /** A line for an exchange that is not an HTTP response (a WebSocket accepted with 101). */
    static void log(String client, String method, String uri, String protocol, int status, String reason) {
        log.info("{} - \"{} {} {}\" {} {}", client, method, uri, protocol, status, reason);
    }

    static void log(boolean json, String client, NettyExchange ex, Response r) {
        String requestId = r.header(REQUEST_ID);
        if (requestId != null) MDC.put("request_id", requestId);
        try {
            if (json) {
                log.info(json(client, ex, r.status(), requestId));
            } else {
                log.info("{} - \"{} {} {}\" {} {}", client, ex.method, ex.uri, ex.protocol, r.status(), Status.reason(r.status()));
            }
        } finally {
            if (requestId != null) MDC.remove("request_id");
        }
    }

    // Method, URI and protocol are the client's bytes: Jackson's encoder escapes them, so no line can be
    // split or a field forged by what a client sends.
    static String json(String client, NettyExchange ex, int status, String requestId) {
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        double ms = (System.nanoTime() - ex.startNanos) / 10_000 / 100.0;
        StringBuilder sb = new StringBuilder(160);
        sb.append("{\"time\":\"").append(Instant.now()).append('"');
        field(sb, enc, "client", client);
        field(sb, enc, "method", ex.method);
        field(sb, enc, "uri", ex.uri);
        field(sb, enc, "protocol", ex.protocol);
        sb.append(",\"status\":").append(status);
        sb.append(",\"duration_ms\":").append(ms);
        if (requestId != null) field(sb, enc, "request_id", requestId);
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, JsonStringEncoder enc, String name, String value) {
        sb.append(",\"").append(name).append("\":\"");
        enc.quoteAsString(value, sb);
        sb.append('"');
    }
}
