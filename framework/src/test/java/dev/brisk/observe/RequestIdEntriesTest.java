package dev.brisk.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Request;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * How request ids enter and leave the MDC, entry by entry: the usual entry (no request current on the
 * thread) sets the id and leaves the MDC clean; an entry nested in another request's, or in the same
 * request's, restores what was there when it closes.
 */
class RequestIdEntriesTest {
    private static Observed request(String id) {
        Request r = (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class},
                (proxy, m, args) -> m.getName().equals("header") && RequestIds.HEADER.equals(args[0]) ? id : null);
        return Observed.start(new Observer[] {new RequestIds()}, r, null, System.nanoTime());
    }

    @AfterEach
    void clean() {
        MDC.clear();
    }

    @Test
    void theUsualEntrySetsTheIdAndLeavesNothingBehind() {
        Observed a = request("id-a");
        try (Observation.Scope ignored = a.enter(true)) {
            assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("id-a");
        }
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void nestedEntriesRestoreTheOuterId() {
        Observed a = request("id-a");
        Observed b = request("id-b");
        try (Observation.Scope outer = a.enter(true)) {
            try (Observation.Scope sameRequest = a.enter(false)) {
                assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("id-a");
            }
            assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("id-a");
            try (Observation.Scope other = b.enter(false)) {
                assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("id-b");
            }
            assertThat(MDC.get(RequestIds.MDC_KEY)).isEqualTo("id-a");
        }
        assertThat(MDC.get(RequestIds.MDC_KEY)).isNull();
        assertThat(Observed.current()).isNull();
    }

    @Test
    void generatedIdsAreVersion4UuidsAndDistinct() {
        Map<String, Boolean> seen = new java.util.HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIds.generate();
            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(seen.put(id, true)).isNull();
        }
    }
}
