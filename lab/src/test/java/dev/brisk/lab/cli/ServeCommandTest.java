package dev.brisk.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.lab.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void servesTheAppClassWithTheCommandLineOptions() throws Exception {
        ServerOptions options = new ServerOptions();
        picocli.CommandLine.populateCommand(options, "--loops", "1", "--worker", "pool:3", "--no-access-log");
        Brisk app = ServeCommand.load(HelloApp.class.getName(), options.toConfig(0));
        app.start();
        try {
            HttpResponse<String> res = get(app.url() + "/");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("\"hello\":\"world\"").contains("brisk-worker-");
            assertThat(app.config().loops()).isEqualTo(1);
            assertThat(app.config().accessLog()).isFalse();
        } finally {
            app.stop();
        }
    }

    @Test
    void classColonMethodPicksAnotherFactoryLikeUvicornsModuleColonApp() throws Exception {
        Brisk app = ServeCommand.load(HelloApp.class.getName() + ":other", defaults());
        app.start();
        try {
            assertThat(get(app.url() + "/other").body()).isEqualTo("{\"factory\":\"other\"}");
        } finally {
            app.stop();
        }
    }

    @Test
    void missingClassOrFactoryIsOneClearLine() {
        assertThatThrownBy(() -> ServeCommand.load("com.example.Nope", defaults()))
                .hasMessageStartingWith("no class com.example.Nope on the classpath");
        assertThatThrownBy(() -> ServeCommand.load(HelloApp.class.getName() + ":nope", defaults()))
                .hasMessageContaining("has no public static Brisk nope(BriskConfig) method");
        assertThatThrownBy(() -> ServeCommand.load(HelloApp.class.getName() + ":broken", defaults()))
                .hasMessageEndingWith("broken failed: database not configured");
    }

    @Test
    void badInputOnTheCommandLineExitsNonZeroWithoutAStackTrace() {
        assertOneLineError(1, "no class com.example.Nope", "serve", "com.example.Nope");
        assertOneLineError(1, "worker mode must be", "serve", HelloApp.class.getName(), "--worker", "pool:x");
        assertOneLineError(2, "Missing required parameter", "serve");
    }

    private static void assertOneLineError(int code, String message, String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Main.run(args);
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(rc).isEqualTo(code);
        assertThat(text).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static dev.brisk.BriskConfig defaults() {
        return picocli.CommandLine.populateCommand(new ServerOptions(), "--no-access-log").toConfig(0);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
