package dev.brisk.internal.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * What is left of the framework's internal test kit: JDK {@link HttpClient} shortcuts returning
 * {@link HttpResponse} (the framework's older tests assert on that shape) and logback log capture, which
 * stays in test scope so the public harness does not force logback on users. Test config and raw
 * connections are public now: {@code BriskTestClient.testConfig()}, {@code dev.brisk.testing.RawConnection}.
 */
public final class Kit {
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private Kit() {}

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
