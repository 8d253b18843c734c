package dev.brisk.client;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per upstream per interval, with how many failures it stands for: an unreachable
 * upstream under load must not write a stack per request (issue 11 measured 21.8 MB of log in 10 s).
 */
final class UpstreamLog {
    private static final Logger log = LoggerFactory.getLogger("brisk.client");
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private record Window(AtomicLong start, AtomicLong suppressed) {}

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    void failed(String origin, int status, Throwable cause) {
        long now = System.nanoTime();
        Window w = windows.computeIfAbsent(origin, k -> new Window(new AtomicLong(now - INTERVAL_NANOS), new AtomicLong()));
        long start = w.start().get();
        if (now - start >= INTERVAL_NANOS && w.start().compareAndSet(start, now)) {
            long more = w.suppressed().getAndSet(0);
            log.warn("upstream {} failed, answering {}: {}{}", origin, status, cause,
                    more == 0 ? "" : " (and " + more + " more failures in the last " + INTERVAL_NANOS / 1_000_000_000L + " s)");
        } else {
            w.suppressed().incrementAndGet();
        }
    }
}
