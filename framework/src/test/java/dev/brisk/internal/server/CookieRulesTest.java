package dev.brisk.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.ResponseCookie;
import io.netty.handler.codec.http.cookie.DefaultCookie;
import io.netty.handler.codec.http.cookie.ServerCookieEncoder;
import org.junit.jupiter.api.Test;

/** ResponseCookie refuses exactly what Netty's ServerCookieEncoder.STRICT refuses (RFC 6265). */
class CookieRulesTest {
    @Test
    void sameVerdictAsNettysStrictEncoderForEveryCharacter() {
        int checked = 0;
        for (char c = 0; c < 0x180; c++) {
            String value = "a" + c + "b";
            assertThat(accepted(() -> ResponseCookie.of("n", value))).as("value char 0x%x", (int) c)
                    .isEqualTo(accepted(() -> ServerCookieEncoder.STRICT.encode(new DefaultCookie("n", value))));
            String name = "a" + c + "b";
            assertThat(accepted(() -> ResponseCookie.of(name, "v"))).as("name char 0x%x", (int) c)
                    .isEqualTo(accepted(() -> ServerCookieEncoder.STRICT.encode(new DefaultCookie(name, "v"))));
            checked += 2;
        }
        for (String v : new String[] {"\"quoted\"", "\"", "\"a", "", "\"\""}) {
            assertThat(accepted(() -> ResponseCookie.of("n", v))).as(v)
                    .isEqualTo(accepted(() -> ServerCookieEncoder.STRICT.encode(new DefaultCookie("n", v))));
        }
        assertThat(checked).isEqualTo(0x300);
    }

    @Test
    void pathAndDomainRefuseSemicolonsAndControls() {
        // RFC 6265 av-octet excludes every CTL; Netty checks only ';', CR and LF, so NUL is ours alone
        assertThat(accepted(() -> ResponseCookie.of("n", "v").path("/a\0"))).isFalse();
        for (String bad : new String[] {"/a;b", "/a\r\nb"}) {
            assertThat(accepted(() -> ResponseCookie.of("n", "v").path(bad))).isFalse();
            assertThat(accepted(() -> ResponseCookie.of("n", "v").domain(bad))).isFalse();
            assertThat(accepted(() -> {
                DefaultCookie c = new DefaultCookie("n", "v");
                c.setPath(bad);
                ServerCookieEncoder.STRICT.encode(c);
            })).isFalse();
        }
    }

    private static boolean accepted(Runnable r) {
        try {
            r.run();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
