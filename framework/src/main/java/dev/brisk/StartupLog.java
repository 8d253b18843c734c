package dev.brisk;

import dev.brisk.routing.Route;
import dev.brisk.routing.WebSocketRoute;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The lines {@link Brisk#start()} prints once the port is open: the transport, the lanes, every route's lane. */
final class StartupLog {
    private static final Logger log = LoggerFactory.getLogger("brisk");

    private StartupLog() {}

    static void describe(String transport, BriskConfig config, String worker, List<Route> routes,
                         List<WebSocketRoute> webSocketRoutes) {
        String block = config.blockThreshold().isZero() ? "off" : config.blockThreshold().toMillis() + " ms";
        log.info("Transport {}, {} event loop{}; worker lane: {}; in-flight limit {}; watchdog {}",
                transport, config.loops(), config.loops() == 1 ? "" : "s", worker, config.inFlightLimit(), block);
        for (Route r : routes) {
            log.info("  {} {} -> {}", String.format("%-6s", r.method()), r.template(), r.lane().label());
        }
        for (var r : webSocketRoutes) log.info("  {} {} -> {}", String.format("%-6s", "WS"), r.template(), r.lane().label());
    }
}
