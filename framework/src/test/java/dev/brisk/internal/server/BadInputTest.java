package dev.brisk.internal.server;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.brisk.Brisk;
import dev.brisk.LogCapture;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.RawResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests the server refuses get a specific 4xx with a FastAPI-shaped body, close only their own
 * connection, and log no stack at WARN.
 */
class BadInputTest {
    private Brisk app;
    private BriskTestClient client;
    private LogCapture logs;
    private RawConnection bystander;

    @BeforeEach
    void start() throws Exception {
        logs = new LogCapture();
        app = Brisk.create(BriskTestClient.testConfig().loops(1).maxBodySize(1000).maxUriLength(200).maxHeaderSize(1000));
        app.post("/echo", worker(req -> Response.text(req.bodyText())));
        app.get("/slow", worker(req -> {
            Thread.sleep(500);
            return Response.text("slow done");
        }));
        app.get("/ping", loopSafe(req -> Response.text("pong")));
        client = BriskTestClient.start(app);
        bystander = client.raw();
        // a request in flight on another connection of the same loop while the bad input arrives
        bystander.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    @AfterEach
    void stop() throws Exception {
        bystander.close();
        client.close();
        logs.close();
    }

    private void assertRefused(String request, int status, String detail) throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send(request);
            RawResponse r = c.read();
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.body()).isEqualTo("{\"detail\":\"" + detail + "\"}");
            assertThat(r.header("connection")).isEqualToIgnoringCase("close");
            assertThat(c.closedByServer()).isTrue();
        }
        // the other connection is untouched
        RawResponse other = bystander.read();
        assertThat(other.body()).isEqualTo("slow done");
        // the watchdog may report the OS starving the loop on a loaded machine; that is not about bad input
        var warnings = logs.atLeast(Level.WARN).stream().filter(e -> !e.getLoggerName().equals("brisk.watchdog")).toList();
        assertThat(warnings).isEmpty();
    }

    @Test
    void contentLengthOverTheLimitIs413() throws Exception {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + "a".repeat(100),
                413, "Request Entity Too Large");
    }

    @Test
    void chunkedBodyOverTheLimitIs413() throws Exception {
        String chunk = Integer.toHexString(600) + "\r\n" + "b".repeat(600) + "\r\n";
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n",
                413, "Request Entity Too Large");
    }

    @Test
    void chunkedBodyUnderTheLimitIsRead() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
            assertThat(c.read().body()).isEqualTo("abcde");
        }
        assertThat(bystander.read().body()).isEqualTo("slow done");
    }

    @Test
    void uriOverTheLimitIs414() throws Exception {
        assertRefused("GET /" + "u".repeat(300) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414, "Request-URI Too Long");
    }

    @Test
    void headersOverTheLimitAre431() throws Exception {
        assertRefused("GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "h".repeat(2000) + "\r\n\r\n",
                431, "Request Header Fields Too Large");
    }

    @Test
    void malformedRequestLineIs400() throws Exception {
        assertRefused("GARBAGE\r\n\r\n", 400, "Bad Request");
    }

    @Test
    void headerLineWithoutColonIs400() throws Exception {
        assertRefused("GET /ping HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400, "Bad Request");
    }

    @Test
    void unknownProtocolVersionIs400() throws Exception {
        assertRefused("GET /ping HTTP/9.9\r\nHost: x\r\n\r\n", 400, "Bad Request");
    }

    @Test
    void badChunkSizeIs400() throws Exception {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n",
                400, "Bad Request");
    }

    @Test
    void badContentLengthIs400() throws Exception {
        assertRefused("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400, "Bad Request");
    }

    @Test
    void expectContinueGets100ThenTheAnswer() throws Exception {
        try (RawConnection c = RawConnection.open(app)) {
            c.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
            assertThat(c.read(true).status()).isEqualTo(100);
            c.send("hi");
            assertThat(c.read().body()).isEqualTo("hi");
        }
        assertThat(CompletableFuture.completedFuture(bystander.read().body()).join()).isEqualTo("slow done");
    }
}
