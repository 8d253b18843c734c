package dev.brisk.internal.server;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 pipelining: answers leave in request order whatever order the lanes finish in. */
class PipeliningTest {
    private Brisk app;
    private BriskTestClient client;

    @AfterEach
    void stop() {
        if (client != null) client.close();
    }

    private void start(java.util.function.Consumer<Brisk> routes) {
        app = Brisk.create(BriskTestClient.testConfig().loops(1));
        routes.accept(app);
        client = BriskTestClient.start(app);
    }

    @Test
    void slowWorkerThenFastLoopAnsweredInOrder() throws Exception {
        start(a -> {
            a.get("/slow", worker(req -> {
                Thread.sleep(300);
                return Response.text("slow");
            }));
            a.get("/fast", loopSafe(req -> Response.text("fast " + req.queryParam("n"))));
        });
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /fast?n=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "HEAD /fast?n=2 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /fast?n=3 HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("slow");
            assertThat(c.read().body()).isEqualTo("fast 1");
            RawResponse head = c.read(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("content-length")).isEqualTo("6");
            assertThat(c.read().body()).isEqualTo("fast 3");
        }
    }

    @Test
    void closingWithPipelinedRequestsPendingAbortsThemAndFreesTheirSlots() throws Exception {
        start(a -> {
            a.get("/slow", worker(req -> {
                Thread.sleep(400);
                return Response.text("slow");
            }));
            a.get("/fast", loopSafe(req -> Response.text("fast")));
        });
        try (RawConnection c = RawConnection.open(app)) {
            c.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
            Thread.sleep(100);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (app.inFlight() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        assertThat(app.inFlight()).isZero();
        assertThat(client.get("/fast").send().text()).isEqualTo("fast");
    }

    @Test
    void aClientPipeliningPastTheLimitGets503AfterTheAnswersInLineAndTheConnectionCloses() throws Exception {
        int limit = ConnectionHandler.MAX_PIPELINED;
        start(a -> a.get("/slow", worker(req -> {
            Thread.sleep(300);   // every request is still waiting when the last one arrives
            return Response.text("slow " + req.queryParam("n"));
        })));
        try (RawConnection c = RawConnection.open(app)) {
            StringBuilder burst = new StringBuilder();
            for (int i = 1; i <= limit + 2; i++) burst.append("GET /slow?n=").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
            c.send(burst.toString());
            for (int i = 1; i <= limit; i++) assertThat(c.read().body()).isEqualTo("slow " + i);
            RawResponse refused = c.read();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("connection")).isEqualTo("close");
            assertThat(c.closedByServer()).isTrue();   // the request after it is never answered
        }
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        start(a -> a.get("/fast", loopSafe(req -> Response.text("ok"))));
        try (RawConnection c = RawConnection.open(app)) {
            for (int i = 0; i < 50; i++) {
                c.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
                RawResponse r = c.read();
                assertThat(r.body()).isEqualTo("ok");
                assertThat(r.header("date")).endsWith("GMT");
                assertThat(r.header("server")).isNotBlank();
            }
        }
    }
}
