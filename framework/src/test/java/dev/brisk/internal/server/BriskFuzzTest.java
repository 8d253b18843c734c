package dev.brisk.internal.server;

import static dev.brisk.Handler.loopSafe;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.LogCapture;
import dev.brisk.Response;
import dev.brisk.annotation.Body;
import dev.brisk.annotation.Default;
import dev.brisk.annotation.Form;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Post;
import dev.brisk.annotation.Query;
import dev.brisk.internal.dispatch.Dispatcher;
import dev.brisk.internal.routing.Router;
import dev.brisk.internal.watchdog.Watchdog;
import dev.brisk.params.UploadFile;
import dev.brisk.routing.Route;
import dev.brisk.testing.BriskTestClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import jakarta.validation.constraints.Email;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing (Jazzer) of everything a client controls: the request head through the real
 * pipeline on an {@link EmbeddedChannel} (guard, decoder, connection handler), and against a running
 * app the query and path parsers, the parameter binders, multipart and urlencoded forms, and the JSON
 * body binder. One fuzz test picks the target from the input's first bytes, because Jazzer fuzzes one
 * test per run. A finding is any 5xx, an exception out of the pipeline, or a leaked buffer.
 *
 * <p>A whole-module {@code mvn verify} fuzzes {@link #fuzz} for 20 s (the {@code fuzz} surefire
 * execution, which first replays committed reproducers); without {@code JAZZER_FUZZ} a method only
 * replays its seeds (regression mode);
 * a long run: {@code JAZZER_FUZZ=1 mvn -pl framework -am test -Dtest='BriskFuzzTest#fuzzLong'
 * -Dsurefire.failIfNoSpecifiedTests=false} (15 minutes).
 */
class BriskFuzzTest {
    static Brisk app;
    static LogCapture logs;
    static Dispatcher dispatcher;
    static BriskConfig headConfig;

    public static final class Api {
        public record Item(String name, double price, List<String> tags, Optional<Integer> stock) {}

        @Get("/f/{id}")
        public Map<String, Object> get(long id, @Query Optional<String> q, @Query @Default("1") int n, @Query List<Long> ids) {
            return Map.of("id", id, "q", q.orElse(""), "n", n, "ids", ids);
        }

        @Post("/f/json")
        public Item json(@Body Item item) {
            return item;
        }

        @Post("/f/upload")
        public Map<String, Object> upload(@Form UploadFile file, @Form Optional<String> note) {
            return Map.of("name", file.filename(), "size", file.size(), "note", note.orElse(""));
        }

        @Post("/f/form")
        public Map<String, Object> form(@Form String username, @Form @Email Optional<String> email) {
            return Map.of("u", username, "e", email.orElse(""));
        }
    }

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        app = Brisk.create(BriskTestClient.testConfig().loops(1).maxBodySize(64 * 1024).headTimeout(Duration.ofSeconds(5)))
                .include(new Api()).start();
        headConfig = new BriskConfig().accessLog(false).maxBodySize(1000).maxUriLength(200).maxHeaderSize(1000);
        Router router = new Router(List.of(
                new Route("GET", "/hello", loopSafe(req -> Response.text("hi " + req.queryParam("n")))),
                new Route("POST", "/echo", loopSafe(req -> Response.text(req.bodyText())))));
        dispatcher = new Dispatcher(router, headConfig, new Watchdog(Duration.ZERO, Duration.ZERO, false, List.of()));
    }

    @AfterAll
    static void stop() {
        app.stop();
        dispatcher.close();
        System.gc();
        logs.close();
        assertThat(logs.events()).noneMatch(e -> e.getLoggerName().contains("ResourceLeakDetector"));
        assertThat(logs.events()).noneMatch(e -> e.getLoggerName().equals("brisk.error"));
    }

    @FuzzTest(maxDuration = "20s")
    void fuzz(FuzzedDataProvider data) throws Exception {
        exercise(data);
    }

    @FuzzTest(maxDuration = "15m")
    void fuzzLong(FuzzedDataProvider data) throws Exception {
        exercise(data);
    }

    static void exercise(FuzzedDataProvider data) throws Exception {
        // the sockets below go to our own app on loopback, by design (Jazzer's SSRF detector would flag them)
        BugDetectors.allowNetworkConnections((host, port) -> port == app.port()
                && (host.equals("127.0.0.1") || host.equals("localhost")));
        switch (data.consumeInt(0, 4)) {
            case 0 -> head(data.consumeRemainingAsBytes());
            case 1 -> over("GET /f/" + data.consumeString(40) + "?" + data.consumeRemainingAsString() + " HTTP/1.1\r\nHost: x\r\n", null, null);
            case 2 -> over("POST /f/json HTTP/1.1\r\nHost: x\r\n", "application/json", data.consumeRemainingAsBytes());
            case 3 -> over("POST /f/upload HTTP/1.1\r\nHost: x\r\n", "multipart/form-data; " + data.consumeString(100),
                    data.consumeRemainingAsBytes());
            default -> over("POST /f/form HTTP/1.1\r\nHost: x\r\n", "application/x-www-form-urlencoded", data.consumeRemainingAsBytes());
        }
    }

    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");

    /** Raw bytes through guard + decoder + ConnectionHandler: no 5xx, no exception, every buffer released. */
    static void head(byte[] raw) {
        if (raw.length == 0) return; // Unpooled's shared empty buffer is never released
        EmbeddedChannel ch = new EmbeddedChannel();
        NettyLoop loop = new NettyLoop(ch.eventLoop(), "fuzz");
        ServerContext server = new ServerContext(headConfig, dispatcher, Map.of(ch.eventLoop(), loop));
        HttpDecoderConfig decoder = new HttpDecoderConfig().setMaxInitialLineLength(264).setMaxHeaderSize(1000)
                .setValidateHeaders(false);
        Http1Codec.addLast(ch.pipeline(), decoder);
        ch.pipeline().addLast("brisk", new ConnectionHandler(server));
        RequestGuard.install(ch.pipeline(), server);
        ByteBuf in = Unpooled.wrappedBuffer(raw);
        ch.writeInbound(in);
        ch.runPendingTasks();
        StringBuilder out = new StringBuilder();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            if (o instanceof ByteBuf b) {
                out.append(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
        }
        ch.finishAndReleaseAll();
        assertThat(in.refCnt()).isZero();
        Matcher m = STATUS.matcher(out);
        while (m.find()) assertThat(Integer.parseInt(m.group(1))).as("%s", out).isLessThan(500);
    }

    /** One request over a real socket to the running app; the answer must not be a 5xx. */
    static void over(String head, String contentType, byte[] body) throws IOException {
        // the fuzzed part stays inside the request line: CR/LF there is the head target's business
        String line = head.substring(0, head.indexOf("\r\nHost: x\r\n"));
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.chars().anyMatch(c -> c > 0xff)) return;
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        req.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (contentType != null) {
            req.write(("Content-Type: " + contentType.replace('\r', ' ').replace('\n', ' ') + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        byte[] b = body == null ? new byte[0] : body;
        req.write(("Content-Length: " + b.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        req.write(b);
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(req.toByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                s.getInputStream().transferTo(out);
            } catch (SocketException reset) {
                // closed after a rejection: what was read is kept
            }
            String answer = out.toString(StandardCharsets.ISO_8859_1);
            Matcher m = STATUS.matcher(answer);
            assertThat(m.lookingAt()).as("an answer to %s", head).isTrue();
            assertThat(Integer.parseInt(m.group(1))).as("%s%n->%n%s", new String(req.toByteArray(), StandardCharsets.ISO_8859_1), answer)
                    .isLessThan(500);
        }
    }
}
