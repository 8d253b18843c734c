package dev.brisk.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * uvicorn's access-log line on its own logger, {@code brisk.access}:
 * {@code 127.0.0.1:60435 - "GET /sync HTTP/1.1" 200 OK}. Switch it off with
 * {@code BriskConfig.accessLog(false)} or by setting the logger's level to OFF.
 */
final class AccessLog {
    private static final Logger log = LoggerFactory.getLogger("brisk.access");

    private AccessLog() {}

    static boolean enabled() {
        return log.isInfoEnabled();
    }

    static void log(String client, String method, String uri, String protocol, int status, String reason) {
        log.info("{} - \"{} {} {}\" {} {}", client, method, uri, protocol, status, reason);
    }
}
