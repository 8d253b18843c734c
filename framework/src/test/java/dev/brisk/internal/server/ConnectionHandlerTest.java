package dev.brisk.internal.server;

import static dev.brisk.Handler.loopSafe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.internal.dispatch.Dispatcher;
import dev.brisk.internal.routing.Router;
import dev.brisk.internal.watchdog.Watchdog;
import dev.brisk.routing.Route;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ConnectionHandler on an EmbeddedChannel: exact bytes in and out, and every buffer released. */
class ConnectionHandlerTest {
    private EmbeddedChannel ch;
    private Dispatcher dispatcher;
    private final List<ByteBuf> inputs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        BriskConfig config = new BriskConfig().accessLog(false).maxBodySize(100);
        Router router = new Router(List.of(
                new Route("GET", "/hello", loopSafe(req -> Response.text("hi " + req.queryParam("n")))),
                new Route("POST", "/echo", loopSafe(req -> Response.text(req.bodyText())))));
        Watchdog watchdog = new Watchdog(Duration.ZERO, Duration.ZERO, false, List.of());
        dispatcher = new Dispatcher(router, config, watchdog);
        ch = new EmbeddedChannel();
        NettyLoop loop = new NettyLoop(ch.eventLoop(), "embedded");
        ServerContext server = new ServerContext(config, dispatcher, Map.of(ch.eventLoop(), loop));
        Http1Codec.addLast(ch.pipeline(), new io.netty.handler.codec.http.HttpDecoderConfig());
        ch.pipeline().addLast(new ConnectionHandler(server));
    }

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
        dispatcher.close();
        // every inbound buffer was released by the codec or the handler
        assertThat(inputs).allMatch(b -> b.refCnt() == 0);
    }

    private void in(String text) {
        ByteBuf b = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
        inputs.add(b);
        ch.writeInbound(b);
        ch.runPendingTasks();
    }

    /** Everything written so far, as text; each outbound buffer is released after reading. */
    private String out() {
        StringBuilder sb = new StringBuilder();
        Object o;
        while ((o = ch.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    @Test
    void answersAGet() {
        in("GET /hello?n=1 HTTP/1.1\r\nHost: x\r\n\r\n");
        String res = out();
        assertThat(res).startsWith("HTTP/1.1 200 OK\r\n").contains("content-length: 4\r\n").endsWith("\r\n\r\nhi 1");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void pipelinedRequestsSplitAcrossReadsAnswerInOrder() {
        in("GET /hello?n=1 HTTP/1.1\r\nHost: x\r\n\r\nGET /hel");
        in("lo?n=2 HTTP/1.1\r\nHost: x\r\n\r\nPOST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
        in("0\r\n\r\n");
        String res = out();
        assertThat(res.indexOf("hi 1")).isLessThan(res.indexOf("hi 2"));
        assertThat(res).endsWith("abc");
    }

    @Test
    void tooLargeBodyAnswers413AndCloses() {
        in("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n" + "x".repeat(500));
        String res = out();
        assertThat(res).startsWith("HTTP/1.1 413 ").contains("connection: close").endsWith("{\"detail\":\"Request Entity Too Large\"}");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void connectionCloseIsHonoured() {
        in("GET /hello?n=3 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(out()).contains("connection: close").endsWith("hi 3");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void http10WithoutKeepAliveCloses() {
        in("GET /hello?n=4 HTTP/1.0\r\n\r\n");
        assertThat(out()).endsWith("hi 4");
        assertThat(ch.isOpen()).isFalse();
    }
}
