package dev.brisk.tfb;

import static dev.brisk.Handler.loop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.ObjectMapper;

/**
 * {@link AsyncDb#onCallerLoops}: the driver's work happens on the Brisk loop that serves the request
 * (no hop to a thread of the driver's own and back), and callers that are not such a loop — the test
 * thread, Brisk's in-process transport — are still served, through the driver's own loop.
 */
@ExtendWith(PostgresExtension.class)
class AsyncDbLoopTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    // Where the route ran and where the driver's stage completed, before adopt: the same thread when
    // the connections live on the request's loop.
    private static Brisk app(AsyncDb db, BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.get("/where", loop(req -> {
            String asked = Thread.currentThread().getName();
            return req.adopt(db.worlds(new int[] {3, 5, 7}).thenApply(rows -> Map.of(
                    "asked", asked, "answered", Thread.currentThread().getName(),
                    "ids", rows.stream().map(World::id).toList())));
        }));
        app.onShutdown(db::close);
        return app;
    }

    @Test
    void queriesAreWrittenAnsweredAndCompletedOnTheRequestsOwnLoop(PgCluster pg) throws Exception {
        AsyncDb db = AsyncDb.onCallerLoops(pg.host(), pg.port(), 1);
        Set<String> loops = new HashSet<>();
        try (BriskTestClient client = BriskTestClient.start(app(db, new BriskConfig().loops(2).accessLog(false)))) {
            for (int i = 0; i < 6; i++) {   // a new connection each time: both loops are asked, each opens its own
                try (RawConnection c = client.raw()) {
                    RawResponse r = c.send("GET /where HTTP/1.1\r\nHost: t\r\n\r\n").read();
                    assertThat(r.status()).isEqualTo(200);
                    Map<?, ?> where = JSON.readValue(r.body(), Map.class);
                    assertThat((String) where.get("asked")).startsWith("brisk-loop-");
                    assertThat(where.get("answered")).isEqualTo(where.get("asked"));
                    assertThat(where.get("ids")).isEqualTo(List.of(3, 5, 7));
                    loops.add((String) where.get("asked"));
                }
            }
        }
        assertThat(loops).hasSize(2);
    }

    @Test
    void callersThatAreNotASocketLoopAreServedByTheDriversOwnLoop(PgCluster pg) throws Exception {
        AsyncDb db = AsyncDb.onCallerLoops(pg.host(), pg.port(), 1);
        // the test thread: no loop at all
        assertThat(db.world(42).toCompletableFuture().get(10, TimeUnit.SECONDS).id()).isEqualTo(42);
        // Brisk's in-process transport: loops of Netty's in-VM transport, which carry no TCP sockets
        try (BriskTestClient client = BriskTestClient.inProcess(app(db, BriskTestClient.testConfig()))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> where = (Map<String, Object>) client.get("/where").send().assertStatus(200).json();
            assertThat((String) where.get("asked")).startsWith("brisk-loop-");
            assertThat((String) where.get("answered")).startsWith("vert.x-eventloop-thread-");
            assertThat(where.get("ids")).isEqualTo(List.of(3, 5, 7));
        }
    }
}
