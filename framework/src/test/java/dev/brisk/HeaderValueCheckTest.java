package dev.brisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The header value check (run for every header Brisk writes) refuses CR, LF and NUL wherever they stand,
 * naming the first one's index, and passes everything else, non-ASCII included.
 */
class HeaderValueCheckTest {
    @Test
    void crLfAndNulAreRefusedAtAnyPlaceWithTheFirstOnesIndex() {
        for (char bad : new char[] {'\r', '\n', 0}) {
            for (String v : new String[] {bad + "abc", "ab" + bad + "c", "abc" + bad, "ok\u00e9" + bad + "x" + bad}) {
                int first = v.indexOf(bad);
                assertThatThrownBy(() -> new Response.Header("X-Id", v)).isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("CR, LF or NUL at index " + first);
            }
        }
        assertThatThrownBy(() -> Response.text("x").withHeader("X-Id", "a\nb\rc"))
                .hasMessageContaining("at index 1");
    }

    @Test
    void anythingElseIsKept() {
        for (String v : new String[] {"", "abc", "0f8e-4a\t1 :;", "caf\u00e9 \u20ac \uD83D\uDE00", "x".repeat(300)}) {
            assertThat(new Response.Header("X-Id", v).value()).isEqualTo(v);
        }
    }
}
