package dev.brisk.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.WebSocketDisconnect;
import dev.brisk.WebSocketHandler;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.TestWebSocket;
import dev.brisk.watchdog.Stall;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Keep-alive, idle timeout, the watchdog on loop endpoints, graceful shutdown, and no buffer leaks. */
class WebSocketLifecycleTest {

    private static Brisk app(BriskConfig config, BlockingQueue<Object> seen) {
        Brisk app = Brisk.create(config.host("127.0.0.1").port(0).accessLog(false).loops(1));
        app.websocket("/wait", WebSocketHandler.worker(ws -> {
            ws.accept();
            try {
                while (true) ws.receive();
            } catch (WebSocketDisconnect d) {
                seen.add("endpoint saw " + d.code());
            }
        }));
        app.websocket("/echo", WebSocketHandler.loop(ws -> {
            ws.accept();
            ws.onMessage(ws::send);
        }));
        app.websocket("/block", WebSocketHandler.loop(ws -> {
            ws.accept();
            ws.onMessage(m -> {
                Thread.sleep(400); // the seeds' mistake, inside a loop endpoint's callback
                return ws.sendText("late");
            });
        }));
        return app;
    }

    @Test
    void aPeerThatNeverPongsIsClosedWith1011AndOneThatDoesStaysOpen() throws Exception {
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(10);
        BriskConfig config = new BriskConfig();
        config.webSockets().pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofMillis(1500));
        Brisk app = app(config, seen).start();
        try {
            try (RawSocket s = new RawSocket(app.port())) {
                assertThat(s.upgrade("/wait")).isEqualTo(101);
                RawSocket.Frame ping = s.read();
                assertThat(ping.opcode()).isEqualTo(9);
                assertThat(s.closeCode()).isEqualTo(1011); // no pong: keepalive ping timeout
                assertThat(s.closedByServer()).isTrue();
            }
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("endpoint saw 1011");
            try (BriskTestClient client = BriskTestClient.start(app); TestWebSocket ws = client.websocket("/wait")) {
                Thread.sleep(3000); // the JDK client answers pings: several intervals and timeouts pass
                ws.sendText("still here");
                ws.close(1000, "");
                assertThat(ws.closeCode()).isEqualTo(1000);
            }
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("endpoint saw 1000");
        } finally {
            app.stop();
        }
    }

    @Test
    void anOpenSocketOutlivesTheHttpHeadDeadline() throws Exception {
        // the HTTP/1 stack's head deadline must not follow the connection into frames
        Brisk app = app(new BriskConfig().headTimeout(Duration.ofMillis(300)), new ArrayBlockingQueue<>(10)).start();
        try (BriskTestClient client = BriskTestClient.start(app); TestWebSocket ws = client.websocket("/echo")) {
            ws.sendText("one");
            assertThat(ws.receiveText()).isEqualTo("one");
            Thread.sleep(1000); // three head deadlines
            ws.sendText("two");
            assertThat(ws.receiveText()).isEqualTo("two");
            ws.close(1000, "");
            assertThat(ws.closeCode()).isEqualTo(1000);
        } finally {
            app.stop();
        }
    }

    @Test
    void idleSocketsCloseWith1001() throws Exception {
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(10);
        BriskConfig config = new BriskConfig();
        config.webSockets().pingInterval(Duration.ZERO).idleTimeout(Duration.ofMillis(400));
        Brisk app = app(config, seen).start();
        try (RawSocket s = new RawSocket(app.port())) {
            long t0 = System.nanoTime();
            assertThat(s.upgrade("/wait")).isEqualTo(101);
            assertThat(s.closeCode()).isEqualTo(1001);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(350));
            s.frame(true, 8, new byte[] {0x03, (byte) 0xe9}, true); // our answer to the close
            assertThat(s.closedByServer()).isTrue();
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("endpoint saw 1001");
        } finally {
            app.stop();
        }
    }

    @Test
    void theWatchdogNamesALoopEndpointThatBlocks() throws Exception {
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(10);
        Brisk app = app(new BriskConfig().blockThreshold(Duration.ofMillis(100)), seen).start();
        try (BriskTestClient client = BriskTestClient.start(app); TestWebSocket ws = client.websocket("/block")) {
            ws.sendText("go");
            assertThat(ws.receiveText()).isEqualTo("late");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (app.stalls().stream().noneMatch(s -> "WS /block".equals(s.route())) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(app.stalls()).extracting(Stall::route).contains("WS /block");
        }
    }

    @Test
    void shutdownClosesOpenSocketsWith1001AndLeaksNoBuffers() throws Exception {
        Logger leaks = (Logger) LoggerFactory.getLogger("io.netty.util.ResourceLeakDetector");
        ListAppender<ILoggingEvent> leakLog = new ListAppender<>();
        leakLog.start();
        leaks.addAppender(leakLog);
        BlockingQueue<Object> seen = new ArrayBlockingQueue<>(10);
        BriskConfig config = new BriskConfig().shutdownTimeout(Duration.ofSeconds(5));
        config.webSockets().closeTimeout(Duration.ofSeconds(1));
        Brisk app = app(config, seen).start();
        BriskTestClient client = BriskTestClient.start(app);
        TestWebSocket ws = client.websocket("/wait");
        try (RawSocket raw = new RawSocket(app.port())) {
            assertThat(raw.upgrade("/wait")).isEqualTo(101);
            ws.sendText("x".repeat(5000));
            long t0 = System.nanoTime();
            Thread stopper = Thread.ofPlatform().start(app::stop);
            assertThat(ws.closeCode()).isEqualTo(1001);
            assertThat(ws.closeReason()).isEqualTo("server shutting down");
            assertThat(raw.closeCode()).isEqualTo(1001); // the raw client never answers: cut at the close timeout
            stopper.join(15_000);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            assertThat(seen.poll(5, TimeUnit.SECONDS)).isEqualTo("endpoint saw 1001");
        } finally {
            ws.close();
            client.close();
        }
        for (int i = 0; i < 5; i++) { // the leak detector reports on later allocations after a GC
            System.gc();
            Thread.sleep(100);
            io.netty.buffer.PooledByteBufAllocator.DEFAULT.buffer(1024).release();
        }
        leaks.detachAppender(leakLog);
        assertThat(leakLog.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(m -> m.contains("LEAK"));
        assertThat(Level.ERROR).isNotNull();
    }
}
