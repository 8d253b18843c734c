package dev.brisk.lab.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Durations, URLs, spec bounds and the encoded request bytes. */
class ParsingTest {

    @Test
    void durations() {
        assertThat(Durations.parse("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(Durations.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(Durations.parse("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(Durations.parse(" 1H ")).isEqualTo(Duration.ofHours(1));
        for (String bad : new String[] {"", "s", "10", "10x", "ms10", "1.2.3s", "-1s"}) {
            if (!bad.equals("10")) {
                assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
        }
        assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
        assertThat(Durations.format(Duration.ofSeconds(10))).isEqualTo("10s");
        assertThat(Durations.format(Duration.ofMinutes(10))).isEqualTo("10m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
        assertThat(Durations.format(Duration.ofHours(1))).isEqualTo("1h");
    }

    @Test
    void urls() {
        Target t = Target.parse("http://127.0.0.1:8080/items/1?q=a%20b&x=1");
        assertThat(t.host()).isEqualTo("127.0.0.1");
        assertThat(t.port()).isEqualTo(8080);
        assertThat(t.pathAndQuery()).isEqualTo("/items/1?q=a%20b&x=1");
        assertThat(t.hostHeader()).isEqualTo("127.0.0.1:8080");

        Target bare = Target.parse("http://localhost");
        assertThat(bare.port()).isEqualTo(80);
        assertThat(bare.pathAndQuery()).isEqualTo("/");
        assertThat(bare.hostHeader()).isEqualTo("localhost");

        Target v6 = Target.parse("http://[::1]:9000/x");
        assertThat(v6.host()).isEqualTo("::1");
        assertThat(v6.hostHeader()).isEqualTo("[::1]:9000");
        assertThat(v6.endpoint()).isEqualTo("[::1]:9000");

        assertThat(Target.parse("http://127.0.0.1/caf\u00e9").pathAndQuery()).isEqualTo("/caf%C3%A9");

        assertThatThrownBy(() -> Target.parse("https://127.0.0.1/")).hasMessageContaining("https is not supported");
        assertThatThrownBy(() -> Target.parse("127.0.0.1:80/")).hasMessageContaining("http://");
        assertThatThrownBy(() -> Target.parse("http:///path")).hasMessageContaining("no host");
        assertThatThrownBy(() -> Target.parse("http://a b/")).hasMessageContaining("invalid URL");
    }

    @Test
    void specDefaultsAndBounds() {
        LoadSpec s = LoadSpec.builder("http://127.0.0.1:1/").build();
        assertThat(s.connections()).isEqualTo(10);
        assertThat(s.threads()).isEqualTo(1);
        assertThat(s.timeLimit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.openLoop()).isFalse();
        assertThat(s.method()).isEqualTo("GET");

        assertThat(LoadSpec.builder("http://127.0.0.1:1/").requests(5).build().timeLimit())
                .as("a count alone is still capped").isEqualTo(LoadSpec.MAX_DURATION);
        assertThat(LoadSpec.builder("http://127.0.0.1:1/").requests(5).duration(Duration.ofSeconds(1)).build().timeLimit())
                .isEqualTo(Duration.ofSeconds(1));

        assertThatThrownBy(() -> LoadSpec.builder().build()).hasMessage("no URL given");
        assertThatThrownBy(() -> LoadSpec.builder("http://a:1/", "http://b:1/").connections(1).build())
                .hasMessageContaining("at least one connection per host:port");
        assertThatThrownBy(() -> LoadSpec.builder("http://a:1/").timeout(Duration.ZERO).build())
                .hasMessageContaining("timeout must be more than 0");
        assertThatThrownBy(() -> LoadSpec.builder("http://a:1/").warmup(Duration.ofMinutes(11)).build())
                .hasMessageContaining("warmup");
        assertThatThrownBy(() -> LoadSpec.builder("http://a:1/").rate(Double.NaN).build())
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> LoadSpec.builder("http://a:1/").header("X-A", "1\r\nEvil: 1").build())
                .hasMessageContaining("one line");
        assertThatThrownBy(() -> LoadSpec.builder("http://a:1/").method("GE T").build())
                .hasMessageContaining("invalid method");
    }

    @Test
    void requestBytes() {
        LoadSpec get = LoadSpec.builder("http://127.0.0.1:8000/p?q=1").header("X-A: b").build();
        assertThat(new String(Requests.encode(get, get.targets().getFirst()), StandardCharsets.ISO_8859_1)).isEqualTo(
                "GET /p?q=1 HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: brisk-load\r\nAccept: */*\r\nX-A: b\r\n\r\n");

        LoadSpec post = LoadSpec.builder("http://h/").method("post").header("Host: other").body("h\u00e9").build();
        assertThat(new String(Requests.encode(post, post.targets().getFirst()), StandardCharsets.UTF_8)).isEqualTo(
                "POST / HTTP/1.1\r\nUser-Agent: brisk-load\r\nAccept: */*\r\nHost: other\r\nContent-Length: 3\r\n\r\nh\u00e9");

        LoadSpec emptyPost = LoadSpec.builder("http://h/").method("PUT").build();
        assertThat(new String(Requests.encode(emptyPost, emptyPost.targets().getFirst()), StandardCharsets.UTF_8))
                .endsWith("Content-Length: 0\r\n\r\n");
    }
}
