package dev.brisk.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.WebSocketDisconnect;
import dev.brisk.WebSocketHandler;
import dev.brisk.WebSocketMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Protocol violations sent as raw bytes get RFC 6455's close codes and a closed connection; limits
 * (message size, inbound queue, pending sends) hold against clients that misbehave. The endpoints log
 * nothing above DEBUG for any of it, and no Netty buffer leaks ({@code WebSocketLeakTest}).
 */
class WebSocketProtocolTest {
    static Brisk app;
    static final BlockingQueue<Object> seen = new ArrayBlockingQueue<>(1000);
    static final BlockingQueue<Object> lazySeen = new ArrayBlockingQueue<>(10); // the flood tests fill `seen`
    static final CountDownLatch startReading = new CountDownLatch(1);
    static final AtomicInteger received = new AtomicInteger();
    static final AtomicLong sentBeforeBlocking = new AtomicLong();

    @BeforeAll
    static void start() {
        BriskConfig config = new BriskConfig().host("127.0.0.1").port(0).accessLog(false).loops(1);
        config.webSockets().maxMessageSize(1024).inboundQueue(4).maxPendingSendBytes(256 * 1024)
                .allowedOrigins(List.of("https://good.example")).pingInterval(Duration.ZERO);
        app = Brisk.create(config);
        app.websocket("/echo", WebSocketHandler.loop(ws -> {
            ws.accept();
            ws.onMessage(ws::send);
        }));
        app.websocket("/lazy", WebSocketHandler.worker(ws -> {
            ws.accept();
            startReading.await();
            try {
                for (WebSocketMessage m : ws.messages()) {
                    if (received.incrementAndGet() == 1) lazySeen.add(m.text());
                }
            } finally {
                lazySeen.add("lazy done");
            }
        }));
        app.websocket("/flood-loop", WebSocketHandler.loop(ws -> {
            ws.accept();
            byte[] chunk = new byte[64 * 1024];
            flood(ws, chunk, 0);
        }));
        app.websocket("/flood-worker", WebSocketHandler.worker(ws -> {
            ws.accept();
            byte[] chunk = new byte[64 * 1024];
            try {
                while (true) {
                    ws.sendBytes(chunk);
                    sentBeforeBlocking.addAndGet(chunk.length);
                }
            } catch (WebSocketDisconnect d) {
                seen.add("worker flood stopped " + d.code());
            }
        }));
        app.start();
    }

    private static void flood(dev.brisk.WebSocket ws, byte[] chunk, long sent) {
        // fire-and-forget sends, as a careless loop endpoint would: the limit must stop them
        for (int i = 0; i < 1000; i++) {
            long total = sent + (long) i * chunk.length;
            ws.sendBytes(chunk).exceptionally(e -> {
                seen.offer("refused after " + total + ": " + e.getMessage());
                return null;
            });
        }
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    private static int violation(byte[] bytes) throws Exception {
        try (RawSocket s = new RawSocket(app.port())) {
            assertThat(s.upgrade("/echo")).isEqualTo(101);
            s.out.write(bytes);
            s.out.flush();
            int code = s.closeCode();
            assertThat(s.closedByServer()).as("TCP closed after the close frame").isTrue();
            return code;
        }
    }

    @Test
    void unmaskedFramesClose1002() throws Exception {
        assertThat(violation(RawSocket.encode(true, 1, "hi".getBytes(), false, 2))).isEqualTo(1002);
    }

    @Test
    void aFrameOverTheMessageLimitCloses1009() throws Exception {
        assertThat(violation(RawSocket.encode(true, 2, new byte[2000], true, 2000))).isEqualTo(1009);
    }

    @Test
    void fragmentsOverTheMessageLimitClose1009() throws Exception {
        byte[] a = RawSocket.encode(false, 1, "a".repeat(600).getBytes(), true, 600);
        byte[] b = RawSocket.encode(true, 0, "b".repeat(600).getBytes(), true, 600);
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(violation(both)).isEqualTo(1009);
    }

    @Test
    void badCloseCodesClose1002() throws Exception {
        for (int code : new int[] {999, 1005, 1006, 1016, 2999}) {
            byte[] payload = {(byte) (code >> 8), (byte) code};
            assertThat(violation(RawSocket.encode(true, 8, payload, true, 2))).as("close code " + code).isEqualTo(1002);
        }
    }

    @Test
    void fragmentedControlFramesClose1002() throws Exception {
        assertThat(violation(RawSocket.encode(false, 9, "p".getBytes(), true, 1))).isEqualTo(1002);
    }

    @Test
    void aContinuationWithoutAStartCloses1002() throws Exception {
        assertThat(violation(RawSocket.encode(true, 0, "x".getBytes(), true, 1))).isEqualTo(1002);
    }

    @Test
    void invalidUtf8TextCloses1007() throws Exception {
        assertThat(violation(RawSocket.encode(true, 1, new byte[] {(byte) 0xc3, (byte) 0x28}, true, 2))).isEqualTo(1007);
    }

    @Test
    void fragmentsJoinIntoOneMessageAndPingsArePonged() throws Exception {
        try (RawSocket s = new RawSocket(app.port())) {
            assertThat(s.upgrade("/echo")).isEqualTo(101);
            s.frame(false, 1, "hel".getBytes(), true);
            s.frame(true, 9, "are you there".getBytes(), true); // a ping between fragments is allowed
            s.frame(true, 0, "lo".getBytes(), true);
            RawSocket.Frame pong = s.read();
            assertThat(pong.opcode()).isEqualTo(10);
            assertThat(pong.text()).isEqualTo("are you there");
            RawSocket.Frame echo = s.read();
            assertThat(echo.opcode()).isEqualTo(1);
            assertThat(echo.fin()).isTrue();
            assertThat(echo.text()).isEqualTo("hello");
            s.frame(true, 8, new byte[] {0x03, (byte) 0xe8}, true);
            assertThat(s.closeCode()).isEqualTo(1000);
            assertThat(s.closedByServer()).isTrue();
        }
    }

    @Test
    void badHandshakesGetSpecificAnswers() throws Exception {
        try (RawSocket s = new RawSocket(app.port())) {
            assertThat(s.upgrade("/echo", Map.of("Sec-WebSocket-Version", "8"))).isEqualTo(426);
            assertThat(s.handshake.toLowerCase()).contains("sec-websocket-version: 13");
        }
        try (RawSocket s = new RawSocket(app.port())) {
            assertThat(s.upgrade("/echo", Map.of("Origin", "https://evil.example"))).isEqualTo(403);
            assertThat(s.closedByServer()).isTrue();
        }
        try (RawSocket s = new RawSocket(app.port())) {
            assertThat(s.upgrade("/echo", Map.of("Origin", "https://good.example"))).isEqualTo(101);
        }
    }

    @Test
    void aSlowConsumerStopsTheServerReading() throws Exception {
        try (RawSocket s = new RawSocket(app.port())) {
            assertThat(s.upgrade("/lazy")).isEqualTo(101);
            AtomicInteger written = new AtomicInteger();
            Thread writer = Thread.ofPlatform().daemon().start(() -> {
                byte[] payload = new byte[1000];
                java.util.Arrays.fill(payload, (byte) 'x');
                try {
                    for (int i = 0; i < 40_000; i++) { // 40 MB: far more than socket buffers hold
                        s.frame(true, 1, payload, true);
                        written.incrementAndGet();
                    }
                } catch (Exception closed) {
                    // the test closes the socket
                }
            });
            Thread.sleep(2000);
            int at2s = written.get();
            Thread.sleep(1000);
            assertThat(written.get()).as("the writer is blocked: the server stopped reading").isEqualTo(at2s).isLessThan(40_000);
            assertThat(received.get()).isZero();
            startReading.countDown();
            assertThat(lazySeen.poll(10, TimeUnit.SECONDS)).isEqualTo("x".repeat(1000));
            s.close(); // the server reads what is still buffered, then sees the end of the stream
            writer.join(10_000);
        }
        assertThat(lazySeen.poll(30, TimeUnit.SECONDS)).isEqualTo("lazy done");
    }

    @Test
    void loopSendsPastThePendingLimitFailInsteadOfBuffering() throws Exception {
        seen.clear();
        try (RawSocket s = new RawSocket(app.port())) {
            s.socket.setReceiveBufferSize(64 * 1024);
            assertThat(s.upgrade("/flood-loop")).isEqualTo(101);
            Object first = seen.poll(10, TimeUnit.SECONDS); // the client reads nothing
            assertThat(first).isNotNull();
            assertThat(first.toString()).contains("not yet written to a slow client (limit 262144)");
        }
    }

    @Test
    void workerSendsBlockOnASlowClientAndFailWithDisconnectWhenItLeaves() throws Exception {
        seen.clear();
        try (RawSocket s = new RawSocket(app.port())) {
            s.socket.setReceiveBufferSize(64 * 1024);
            assertThat(s.upgrade("/flood-worker")).isEqualTo(101);
            Thread.sleep(1500);
            long at = sentBeforeBlocking.get();
            Thread.sleep(1000);
            assertThat(sentBeforeBlocking.get()).as("the worker's send blocks").isEqualTo(at);
        }
        assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo("worker flood stopped 1006");
        assertThat(new String(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }
}
