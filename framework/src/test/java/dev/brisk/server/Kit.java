package dev.brisk.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/** Test harness: a real app on port 0, a real HTTP client, raw sockets, and log capture. */
public final class Kit {
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private Kit() {}

    /** Config defaults for tests: port 0, quiet access log. */
    public static BriskConfig config() {
        return new BriskConfig().host("127.0.0.1").port(0).accessLog(false);
    }

    public static Brisk start(BriskConfig config, Consumer<Brisk> routes) {
        Brisk app = Brisk.create(config);
        routes.accept(app);
        return app.start();
    }

    public static HttpResponse<String> get(Brisk app, String path) throws IOException, InterruptedException {
        return send(app, "GET", path);
    }

    public static HttpResponse<String> send(Brisk app, String method, String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(app.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build();
        return CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
    }

    public static HttpRequest request(Brisk app, String path) {
        return HttpRequest.newBuilder(URI.create(app.url() + path)).timeout(Duration.ofSeconds(60)).build();
    }

    /** A raw HTTP/1.1 response read off a socket. */
    public record Raw(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** A raw socket connection for pipelining and malformed input. */
    public static final class Conn implements AutoCloseable {
        public final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        public Conn(Brisk app) throws IOException {
            socket = new Socket("127.0.0.1", app.port());
            socket.setSoTimeout(20_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        public Conn send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return this;
        }

        public Conn sendBytes(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        private String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') break;
                if (c != '\r') b.write(c);
            }
            if (c == -1 && b.size() == 0) return null;
            return b.toString(StandardCharsets.ISO_8859_1);
        }

        /** Reads one response; {@code head} = true for a response to HEAD (no body). */
        public Raw read(boolean head) throws IOException {
            String status = line();
            if (status == null) throw new IOException("connection closed");
            Map<String, String> headers = new LinkedHashMap<>();
            String l;
            while ((l = line()) != null && !l.isEmpty()) {
                int c = l.indexOf(':');
                headers.put(l.substring(0, c).trim().toLowerCase(Locale.ROOT), l.substring(c + 1).trim());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (!head) {
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    while (true) {
                        int n = Integer.parseInt(line().trim(), 16);
                        if (n == 0) {
                            line();
                            break;
                        }
                        body.write(in.readNBytes(n));
                        line();
                    }
                } else if (headers.containsKey("content-length")) {
                    body.write(in.readNBytes(Integer.parseInt(headers.get("content-length"))));
                }
            }
            return new Raw(Integer.parseInt(status.split(" ")[1]), headers, body.toString(StandardCharsets.UTF_8));
        }

        public Raw read() throws IOException {
            return read(false);
        }

        /** Reads a chunk-size line and its data (for streaming tests); null at the last chunk. */
        public String readChunk() throws IOException {
            int n = Integer.parseInt(line().trim(), 16);
            if (n == 0) return null;
            String s = new String(in.readNBytes(n), StandardCharsets.UTF_8);
            line();
            return s;
        }

        /** Whether the server closed the connection (EOF within the socket timeout). */
        public boolean closedByServer() throws IOException {
            try {
                return in.read() == -1;
            } catch (java.net.SocketException e) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Captures log events of every logger while open. */
    public static final class Logs implements AutoCloseable {
        private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
        private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        public Logs() {
            appender.start();
            root.addAppender(appender);
        }

        public synchronized List<ILoggingEvent> events() {
            return new ArrayList<>(appender.list);
        }

        public List<ILoggingEvent> atLeast(Level level) {
            return events().stream().filter(e -> e.getLevel().isGreaterOrEqual(level)).toList();
        }

        public List<ILoggingEvent> from(String logger) {
            return events().stream().filter(e -> e.getLoggerName().equals(logger)).toList();
        }

        @Override
        public void close() {
            root.detachAppender(appender);
        }
    }
}
