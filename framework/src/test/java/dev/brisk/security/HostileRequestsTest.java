package dev.brisk.security;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.brisk.Brisk;
import dev.brisk.LogCapture;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import dev.brisk.testing.RawConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus of issue 11 item 6: raw requests over a socket to a running app, each with
 * the exact statuses the server must answer on that connection (in order; the connection must then be
 * closed unless the last answer keeps it open), and after each one the server still serves others.
 * No 5xx, no leaked buffer (leak detection is paranoid in tests), nothing logged at WARN or above.
 */
class HostileRequestsTest {
    static Brisk app;
    static BriskTestClient client;
    static LogCapture logs;

    /** {@code statuses}: every answer expected on the connection, in order; {@code open}: still open after. */
    record Case(String name, String raw, List<Integer> statuses, boolean open) {
        @Override public String toString() { return name; }
    }

    static Case bad(String name, String raw, int status) {
        return new Case(name, raw, List.of(status), false);
    }

    static Case ok(String name, String raw, Integer... statuses) {
        return new Case(name, raw, List.of(statuses), true);
    }

    static Case seq(String name, String raw, boolean open, Integer... statuses) {
        return new Case(name, raw, List.of(statuses), open);
    }

    static final String H = "Host: x\r\n";

    static Stream<Case> corpus() {
        List<Case> c = new ArrayList<>();
        // request smuggling: framing the server and a proxy could read differently is refused outright
        c.add(bad("CL.TE", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nG", 400));
        c.add(bad("TE.CL", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n", 400));
        c.add(bad("TE xchunked", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", 501));
        c.add(bad("TE chunked, identity", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", 501));
        c.add(bad("TE identity", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: identity\r\nContent-Length: 2\r\n\r\nhi", 501));
        c.add(bad("TE gzip, chunked", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501));
        c.add(bad("TE twice", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400));
        c.add(bad("TE space before colon", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", 400));
        c.add(bad("TE tab before colon", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding\t: chunked\r\n\r\n0\r\n\r\n", 400));
        c.add(bad("TE folded", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n", 400));
        c.add(bad("TE vertical tab", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: \u000bchunked\r\n\r\n0\r\n\r\n", 400));
        c.add(bad("TE in HTTP/1.0", "POST /echo HTTP/1.0\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400));
        c.add(bad("TE.TE obfuscated case", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\nTransfer-encoding: x\r\n\r\n0\r\n\r\n", 400));
        c.add(ok("TE leading OWS is fine", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding:   chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n", 200));
        c.add(ok("TE upper case is fine", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: CHUNKED\r\n\r\n2\r\nhi\r\n0\r\n\r\n", 200));
        c.add(bad("CL twice, equal", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 2\r\nContent-Length: 2\r\n\r\nhi", 400));
        c.add(bad("CL twice, different", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 2\r\nContent-Length: 3\r\n\r\nhi!", 400));
        c.add(bad("CL list", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 2, 2\r\n\r\nhi", 400));
        c.add(bad("CL plus sign", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: +2\r\n\r\nhi", 400));
        c.add(bad("CL negative", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: -1\r\n\r\nhi", 400));
        c.add(bad("CL hex", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 0x2\r\n\r\nhi", 400));
        c.add(bad("CL inner space", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 1 1\r\n\r\nhi", 400));
        c.add(bad("CL overflow", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 99999999999999999999999\r\n\r\nhi", 400));
        c.add(bad("CL over the limit", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 100000\r\n\r\nhi", 413));
        c.add(ok("CL leading zeros is fine", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 002\r\n\r\nhi", 200));
        c.add(seq("body longer than CL: rest is a bad request", "POST /echo HTTP/1.1\r\n" + H + "Content-Length: 2\r\n\r\nhiGARBAGE\r\n\r\n", false, 200, 400));
        // chunked bodies
        c.add(bad("chunk size not hex", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhi\r\n0\r\n\r\n", 400));
        c.add(bad("chunk size negative", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n-2\r\nhi\r\n0\r\n\r\n", 400));
        c.add(bad("chunk size overflow", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffffff\r\nhi\r\n0\r\n\r\n", 400));
        c.add(bad("chunk size over the body limit", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n800\r\n" + "x".repeat(0x800) + "\r\n0\r\n\r\n", 413));
        c.add(ok("chunk extension is fine", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n2;name=value\r\nhi\r\n0\r\n\r\n", 200));
        c.add(bad("chunk extension with NUL", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n2;a=\u0000\r\nhi\r\n0\r\n\r\n", 400));
        c.add(bad("chunk data longer than its size", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n", 400));
        c.add(bad("chunk size with a bare LF and junk", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n2 x\r\nhi\r\n0\r\n\r\n", 400));
        c.add(ok("trailer fields are fine", "POST /echo HTTP/1.1\r\n" + H + "Transfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\nX-T: 1\r\n\r\n", 200));
        // oversize and malformed heads
        c.add(bad("request target too long", "GET /" + "a".repeat(300) + " HTTP/1.1\r\n" + H + "\r\n", 414));
        c.add(bad("header block too large", "GET /ping HTTP/1.1\r\n" + H + "X-Big: " + "b".repeat(2000) + "\r\n\r\n", 431));
        c.add(bad("too many headers", "GET /ping HTTP/1.1\r\n" + H + "X-A: 1\r\n".repeat(200) + "\r\n", 431));
        c.add(bad("header without colon", "GET /ping HTTP/1.1\r\n" + H + "NoColon\r\n\r\n", 400));
        c.add(bad("empty header name", "GET /ping HTTP/1.1\r\n" + H + ": x\r\n\r\n", 400));
        c.add(bad("header name with space", "GET /ping HTTP/1.1\r\n" + H + "X Y: 1\r\n\r\n", 400));
        c.add(bad("header name with a slash", "GET /ping HTTP/1.1\r\n" + H + "X/Y: 1\r\n\r\n", 400));
        c.add(bad("obs-fold", "GET /ping HTTP/1.1\r\n" + H + "X-A: a\r\n b\r\n\r\n", 400));
        c.add(bad("obs-fold with a tab", "GET /ping HTTP/1.1\r\n" + H + "X-A: a\r\n\tb\r\n\r\n", 400));
        c.add(bad("no Host in HTTP/1.1", "GET /ping HTTP/1.1\r\n\r\n", 400));
        c.add(bad("two Hosts", "GET /ping HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400));
        c.add(bad("method garbage", "G(T /ping HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("two spaces in the request line", "GET  /ping HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("two spaces before the version", "GET /ping  HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("tab after the method", "GET\t/ping HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("tab before the version", "GET /ping\tHTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("space before the method", " GET /ping HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("empty line then a space before the method", "\r\n GET /ping HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("vertical tab after the method", "GET\u000b/ping HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(ok("empty lines before the request line (RFC 9112 2.2)", "\r\n\r\nGET /ping HTTP/1.1\r\n" + H + "\r\n", 200));
        c.add(bad("no version", "GET /ping\r\n" + H + "\r\n", 400));
        c.add(bad("lower-case version", "GET /ping http/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("HTTP/1.2", "GET /ping HTTP/1.2\r\n" + H + "\r\n", 400));
        c.add(bad("HTTP/3.0", "GET /ping HTTP/3.0\r\n" + H + "\r\n", 400));
        c.add(bad("HTTP/0.9 simple request", "GET /ping\r\n\r\n", 400));
        c.add(bad("HTTP/2 preface on HTTP/1.1", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 400));
        c.add(bad("TLS ClientHello on plain HTTP", "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003" + "\u0000".repeat(32) + "\r\n\r\n", 400));
        c.add(bad("only CRLFs then garbage", "\r\n\r\n\r\n\u0000\u0001\r\n\r\n", 400));
        c.add(ok("one leading empty line is ignored", "\r\nGET /ping HTTP/1.1\r\n" + H + "\r\n", 200));
        // NUL, CR, LF everywhere
        c.add(bad("NUL in method", "GE\u0000T /ping HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("NUL in path", "GET /pi\u0000ng HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("NUL in query", "GET /ping?a=\u0000 HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("NUL in version", "GET /ping HTTP/1.1\u0000\r\n" + H + "\r\n", 400));
        c.add(bad("NUL in header name", "GET /ping HTTP/1.1\r\n" + H + "X-\u0000A: 1\r\n\r\n", 400));
        c.add(bad("NUL in header value", "GET /ping HTTP/1.1\r\n" + H + "X-A: 1\u00002\r\n\r\n", 400));
        c.add(bad("bare CR in header value", "GET /ping HTTP/1.1\r\n" + H + "X-A: 1\r2\r\n\r\n", 400));
        c.add(bad("bare CR in path", "GET /pi\rng HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("control byte in path", "GET /pi\u0001ng HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("DEL in path", "GET /pi\u007fng HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("raw UTF-8 in path", "GET /caf\u00c3\u00a9 HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("space in path", "GET /a b HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(ok("obs-text in a header value is fine", "GET /ping HTTP/1.1\r\n" + H + "X-A: caf\u00e9\r\n\r\n", 200));
        // percent-encoding and target forms
        c.add(ok("bad percent-encoding in a path parameter", "GET /items/%zz HTTP/1.1\r\n" + H + "\r\n", 200));
        c.add(ok("truncated percent-encoding in a path parameter", "GET /items/%4 HTTP/1.1\r\n" + H + "\r\n", 200));
        c.add(ok("percent-encoded NUL in a path parameter", "GET /items/%00 HTTP/1.1\r\n" + H + "\r\n", 200));
        c.add(ok("invalid UTF-8 percent-encoded", "GET /items/%C3%28 HTTP/1.1\r\n" + H + "\r\n", 200));
        c.add(ok("bad percent-encoding in the query", "GET /q?q=%zz%&%=%% HTTP/1.1\r\n" + H + "\r\n", 200));
        c.add(ok("dot segments", "GET /../../etc/passwd HTTP/1.1\r\n" + H + "\r\n", 404));
        c.add(ok("absolute-form target", "GET http://x/ping HTTP/1.1\r\n" + H + "\r\n", 200));
        c.add(ok("absolute-form without a path", "GET http://x HTTP/1.1\r\n" + H + "\r\n", 404));
        c.add(ok("asterisk-form OPTIONS", "OPTIONS * HTTP/1.1\r\n" + H + "\r\n", 404));
        c.add(bad("asterisk-form GET", "GET * HTTP/1.1\r\n" + H + "\r\n", 400));
        c.add(bad("authority-form GET", "GET x:80 HTTP/1.1\r\n" + H + "\r\n", 400));
        // Expect
        c.add(seq("Expect: 100-continue", "POST /echo HTTP/1.1\r\n" + H + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\nhi", true, 100, 200));
        c.add(ok("unknown Expect is ignored, as uvicorn does", "POST /echo HTTP/1.1\r\n" + H + "Expect: 200-ok\r\nContent-Length: 2\r\n\r\nhi", 200));
        // pipelining around a bad request
        c.add(seq("good, then bad, then never the third", "GET /ping HTTP/1.1\r\n" + H + "\r\nGET /p\u0000 HTTP/1.1\r\n" + H
                + "\r\nGET /ping HTTP/1.1\r\n" + H + "\r\n", false, 200, 400));
        return c.stream();
    }

    @BeforeAll
    static void start() {
        logs = new LogCapture();
        // HTTP/1.1's corpus: with h2c prior knowledge off, an HTTP/2 preface is a malformed HTTP/1.1 request
        // (with it on, the connection becomes HTTP/2, which Http2Test covers).
        app = Brisk.create(BriskTestClient.testConfig().loops(1).maxBodySize(1000).maxUriLength(200).maxHeaderSize(1000).http2(false));
        app.post("/echo", worker(req -> Response.text(req.bodyText())));
        app.get("/ping", loopSafe(req -> Response.text("pong")));
        app.get("/items/{id}", loopSafe(req -> Response.text(req.pathParam("id"))));
        app.get("/q", loopSafe(req -> Response.text(String.valueOf(req.queryParamMap()))));
        client = BriskTestClient.start(app);   // raw requests over a real socket
    }

    @AfterAll
    static void stop() {
        client.close();
        logs.close();
    }

    static final String PING = "GET /ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void answersExactlyAndKeepsServing(Case c) throws Exception {
        try (Socket s = new Socket("127.0.0.1", app.port())) {
            s.setSoTimeout(10_000);
            // a connection that must stay usable gets one more request, which asks to close after it
            String raw = c.raw() + (c.open() ? PING : "");
            s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            List<String> answers = responses(s.getInputStream());
            List<Integer> expected = new ArrayList<>(c.statuses());
            if (c.open()) expected.add(200);
            assertThat(answers.stream().map(a -> Integer.parseInt(a.substring(9, 12))).toList())
                    .as("answers to %s: %s", c.name(), answers).isEqualTo(expected);
            String last = answers.get(answers.size() - 1);
            assertThat(last).contains("connection: close");
            if (c.open()) assertThat(last).endsWith("pong");
            else assertThat(last).contains("{\"detail\":");
        }
        try (RawConnection other = RawConnection.open(app)) {
            other.send("GET /ping HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(other.read().body()).isEqualTo("pong");
        }
    }

    // Every response until the server closes (the test fails on the socket timeout if it never does).
    private static List<String> responses(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            in.transferTo(out);
        } catch (SocketException e) {
            // a reset after the answers: what was read is kept
        }
        String wire = out.toString(StandardCharsets.ISO_8859_1);
        List<String> answers = new ArrayList<>();
        int at = 0;
        while (at < wire.length()) {
            int headEnd = wire.indexOf("\r\n\r\n", at);
            assertThat(headEnd).as("a complete head in %s", wire).isPositive();
            String head = wire.substring(at, headEnd);
            Matcher m = Pattern.compile("(?i)\r\ncontent-length: (\\d+)").matcher(head);
            int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
            answers.add(wire.substring(at, Math.min(wire.length(), headEnd + 4 + length)));
            at = headEnd + 4 + length;
        }
        return answers;
    }

    @Test
    void theCorpusHasAtLeastSixtyRequestsAndNothingLeakedOrWarned() throws Exception {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(60);
        System.gc();
        Thread.sleep(100);
        for (int i = 0; i < 20; i++) client.get("/ping").send(); // leak reports come on later allocations
        assertThat(logs.events()).noneMatch(e -> e.getLoggerName().contains("ResourceLeakDetector"));
        // (the watchdog may report a stall on a loaded machine; that is not what this test is about)
        assertThat(logs.atLeast(Level.WARN)).noneMatch(e -> !e.getLoggerName().startsWith("brisk.watchdog"));
    }
}
