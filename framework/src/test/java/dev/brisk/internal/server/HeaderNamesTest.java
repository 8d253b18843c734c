package dev.brisk.internal.server;

import static dev.brisk.Handler.loop;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.testing.BriskTestClient;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The pre-hashed names the observers look headers up by find exactly what a lookup by any other spelling
 * finds, over real HTTP, whatever case the client sent; and other names still work.
 */
class HeaderNamesTest {
    @Test
    void theObserversConstantsAndAnyOtherSpellingFindTheSameHeaders() throws Exception {
        String lower = new String("traceparent".toCharArray()); // equal, not the interned constant
        assertThat(HeaderNames.of("traceparent")).isNotSameAs("traceparent").hasToString("traceparent");
        assertThat(HeaderNames.of(lower)).isSameAs(lower);

        Brisk app = Brisk.create(BriskTestClient.testConfig().loops(1));
        app.get("/h", loop(req -> CompletableFuture.completedFuture(String.join("|",
                req.header("x-request-id"), req.header("X-Request-ID"), req.header("traceparent"), req.header(lower),
                req.header("tracestate"), String.valueOf(req.headers("x-request-id").size()), req.header("x-other"),
                String.valueOf(req.header("nope"))))));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var r = client.get("/h").header("X-REQUEST-ID", "id-1").header("TraceParent", "00-tp")
                    .header("tracestate", "k=v").header("X-Other", "o").send();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("\"id-1|id-1|00-tp|00-tp|k=v|1|o|null\"");
        }
    }
}
