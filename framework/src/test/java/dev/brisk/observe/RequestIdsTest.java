package dev.brisk.observe;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.brisk.Brisk;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import dev.brisk.testing.TestRequest;
import dev.brisk.testing.TestResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** X-Request-ID accepted or generated, in the MDC on both lanes and across resumptions, and in the JSON access log. */
class RequestIdsTest {
    private static final org.slf4j.Logger appLog = LoggerFactory.getLogger("app");

    /** One logged line with the MDC as it was on the logging thread. */
    record Line(String logger, String message, String requestId, String thread) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            lines.add(new Line(e.getLoggerName(), e.getFormattedMessage(), e.getMDCPropertyMap().get("request_id"), e.getThreadName()));
        }
    };
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Brisk app;
    private BriskTestClient client;

    @BeforeEach
    void start() {
        capture.start();
        root.addAppender(capture);
        app = Brisk.create(BriskTestClient.testConfig().loops(1).accessLog(true).accessLogJson(true).observe(new RequestIds()));
        app.get("/loop", loop(req -> {
            appLog.info("handler");
            return req.sleep(Duration.ofMillis(20)).thenCompose(v -> {
                appLog.info("after sleep");
                return req.offload(() -> {
                    appLog.info("offloaded");
                    return "x";
                });
            }).thenApply(v -> {
                appLog.info("resumed");
                return "ok";
            });
        }));
        app.get("/worker", worker(req -> {
            appLog.info("worker");
            return "ok";
        }));
        client = BriskTestClient.start(app);   // port-bound: the access log names the client address
    }

    @AfterEach
    void stop() {
        client.close();
        root.detachAppender(capture);
    }

    private TestResponse get(String path, String requestId) {
        TestRequest b = client.get(path).timeout(Duration.ofSeconds(20));
        if (requestId != null) b.header("X-Request-ID", requestId);
        return b.send();
    }

    private List<Line> app() {
        return lines.stream().filter(l -> l.logger().equals("app")).toList();
    }

    @Test
    void anAcceptedIdIsInTheMdcOnTheLoopAcrossSleepOffloadAndResumption() throws Exception {
        TestResponse r = get("/loop", "abc-123_x.y:z");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-request-id")).isEqualTo("abc-123_x.y:z");
        assertThat(app()).extracting(Line::message).containsExactly("handler", "after sleep", "offloaded", "resumed");
        assertThat(app()).allSatisfy(l -> assertThat(l.requestId()).isEqualTo("abc-123_x.y:z"));
        assertThat(app()).filteredOn(l -> l.message().equals("offloaded")).allMatch(l -> !l.thread().startsWith("brisk-loop"));
        // the loop thread's MDC is clean between requests
        lines.clear();
        assertThat(get("/loop", null).status()).isEqualTo(200);
        String generated = app().get(0).requestId();
        assertThat(generated).isNotEqualTo("abc-123_x.y:z").hasSize(36);
        assertThat(app()).allSatisfy(l -> assertThat(l.requestId()).isEqualTo(generated));
    }

    @Test
    void workerLaneAndGeneratedIds() throws Exception {
        TestResponse r = get("/worker", null);
        String id = r.header("x-request-id");
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(app()).singleElement().satisfies(l -> {
            assertThat(l.requestId()).isEqualTo(id);
            assertThat(l.thread()).doesNotStartWith("brisk-loop");
        });
        assertThat(get("/worker", null).header("x-request-id")).isNotNull().isNotEqualTo(id);
    }

    @Test
    void unsafeOrOverlongIdsAreReplaced() throws Exception {
        for (String bad : List.of("has space", "<script>", "x".repeat(129), "a;b", "a,b")) {
            String answered = get("/worker", bad).header("x-request-id");
            assertThat(answered).isNotEqualTo(bad).hasSize(36);
        }
        assertThat(get("/worker", "x".repeat(128)).header("x-request-id")).isEqualTo("x".repeat(128));
    }

    @Test
    void theJsonAccessLogIsOneObjectALineWithTheRequestId() throws Exception {
        get("/worker", "json-log-1");
        get("/missing", "json-log-2");
        try (RawConnection c = RawConnection.open(app)) { // a URI with a quote and a backslash: must stay one valid object
            c.send("GET /missing?q=\"\\ HTTP/1.1\r\nHost: x\r\nX-Request-ID: json-log-3\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(404);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (access().size() < 3 && System.currentTimeMillis() < deadline) Thread.sleep(10);
        JsonMapper mapper = JsonMapper.builder().build();
        List<Line> access = access();
        assertThat(access).hasSize(3).allSatisfy(l -> assertThat(l.message()).doesNotContain("\n"));
        JsonNode first = mapper.readTree(access.get(0).message());
        assertThat(first.get("method").asString()).isEqualTo("GET");
        assertThat(first.get("uri").asString()).isEqualTo("/worker");
        assertThat(first.get("protocol").asString()).isEqualTo("HTTP/1.1");
        assertThat(first.get("status").asInt()).isEqualTo(200);
        assertThat(first.get("request_id").asString()).isEqualTo("json-log-1");
        assertThat(first.get("duration_ms").isNumber()).isTrue();
        assertThat(first.get("client").asString()).startsWith("127.0.0.1:");
        assertThat(first.get("time").asString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(access.get(0).requestId()).isEqualTo("json-log-1"); // in the MDC too, for text patterns
        assertThat(mapper.readTree(access.get(1).message()).get("status").asInt()).isEqualTo(404);
        JsonNode odd = mapper.readTree(access.get(2).message());
        assertThat(odd.get("uri").asString()).isEqualTo("/missing?q=\"\\");
        assertThat(odd.get("request_id").asString()).isEqualTo("json-log-3");
        assertThat(odd.size()).isEqualTo(8);
    }

    private List<Line> access() {
        return lines.stream().filter(l -> l.logger().equals("brisk.access")).toList();
    }
}
