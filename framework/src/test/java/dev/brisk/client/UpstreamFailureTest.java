package dev.brisk.client;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.brisk.Brisk;
import dev.brisk.LogCapture;
import dev.brisk.testing.BriskTestClient;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An unreachable or silent upstream is a 502/504 with one collapsed log line, never a 500 with stacks. */
class UpstreamFailureTest {

    @Test
    void refusedIs502AndSilentIs504WithOneLogLinePerUpstream() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (ServerSocket silent = new ServerSocket(0);
             BriskHttpClient http = BriskHttpClient.create(Duration.ofSeconds(2), Duration.ofMillis(300));
             LogCapture logs = new LogCapture()) {
            String refused = "http://127.0.0.1:" + closedPort + "/x";
            String slow = "http://127.0.0.1:" + silent.getLocalPort() + "/x";
            Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
            app.get("/async", loop(req -> http.getAsync(refused).thenApply(ClientResponse::text)));
            app.get("/sync", worker(req -> http.get(refused).text()));
            app.get("/slow", worker(req -> http.get(slow).text()));
            try (BriskTestClient client = BriskTestClient.inProcess(app)) {
                for (int i = 0; i < 30; i++) {
                    var r = client.get(i % 2 == 0 ? "/async" : "/sync").send();
                    assertThat(r.status()).isEqualTo(502);
                    assertThat(r.text()).isEqualTo("{\"detail\":\"Bad Gateway\"}");
                }
                var t = client.get("/slow").send();
                assertThat(t.status()).isEqualTo(504);
                assertThat(t.text()).isEqualTo("{\"detail\":\"Gateway Timeout\"}");
                assertThat(logs.atLeast(Level.ERROR)).isEmpty();
                var warns = logs.from("brisk.client");
                assertThat(warns).hasSize(2); // one per upstream, not one per request
                assertThat(warns).allSatisfy(e -> assertThat(e.getThrowableProxy()).isNull());
                assertThat(warns.get(0).getFormattedMessage()).contains("upstream http://127.0.0.1:" + closedPort + " failed, answering 502");
                assertThat(warns.get(1).getFormattedMessage()).contains("answering 504");
            }
        }
    }

    @Test
    void outgoingHeadersAreCheckedByTheJdk() {
        assertThatThrownBy(() -> HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("X-A", "a\r\nSet-Cookie: x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("X A", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> URI.create("http://127.0.0.1/a\r\nHost: evil")).isInstanceOf(IllegalArgumentException.class);
    }
}
