package dev.brisk.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.WebSocketHandler;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The WebSocket load client against a real Brisk echo: every connection up, every message counted, no errors. */
class WsLoadSmokeTest {
    private static Map<String, String> parse(String line) {
        Map<String, String> kv = new HashMap<>();
        for (String p : line.split(" ")) {
            int eq = p.indexOf('=');
            if (eq > 0) kv.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return kv;
    }

    @Test
    void oneSourceAddressUntilThePortRangeRunsOut() {
        assertThat(WsLoad.sourcesNeeded(10_000, "127.0.0.1")).isEqualTo(1); // issue 13's 10,000 fit the default range
        assertThat(WsLoad.sourcesNeeded(100_000, "127.0.0.1")).isGreaterThan(1);
        assertThat(WsLoad.sourcesNeeded(100_000, "10.0.0.5")).isEqualTo(1); // only loopback has addresses to spare
    }

    @Test
    void latencyAndThroughputModes() throws Exception {
        try (Brisk app = Brisk.create(new BriskConfig().host("127.0.0.1").port(0).loops(1).accessLog(false))) {
            app.websocket("/ws/echo", WebSocketHandler.loop(ws -> {
                ws.accept();
                ws.onMessage(ws::send);
            }));
            app.start();
            URI uri = URI.create("ws://127.0.0.1:" + app.port() + "/ws/echo");
            Map<String, String> lat = parse(new WsLoad("latency", 32, 5, 1).run(uri, 20, 2, 0, 1, 10));
            assertThat(lat).containsEntry("connected", "20").containsEntry("errors", "0").containsEntry("lost", "0");
            assertThat(Long.parseLong(lat.get("received"))).isBetween(20L * 5 * 2 / 2, 20L * 5 * 2 * 2); // ~5/s x 20 x 2 s
            assertThat(Long.parseLong(lat.get("p99_us"))).isPositive().isGreaterThanOrEqualTo(Long.parseLong(lat.get("p50_us")));
            WsLoad spread = new WsLoad("throughput", 32, 1, 2);
            spread.sources = 3; // from 127.0.0.1, .2 and .3, as for more connections than one address has ports
            Map<String, String> tp = parse(spread.run(uri, 10, 1, 0, 1, 10));
            assertThat(tp).containsEntry("connected", "10").containsEntry("errors", "0").containsEntry("sources", "3");
            assertThat(Long.parseLong(tp.get("msgs_per_s"))).isPositive();
        }
    }
}
