package dev.brisk.observe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Request;
import dev.brisk.routing.Route;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * {@link Observation#enterFresh}: the entry with no request current on the thread gets it, an entry nested in a
 * request's code gets {@link Observation#enter}; the sample in its Javadoc runs here, and is quoted verbatim.
 */
class EnterFreshTest {
    static final List<String> CALLS = new ArrayList<>();

    /** The Javadoc's sample, in an observation that also answers nested entries the careful way. */
    static final class Tenant implements Observation {
        private final String tenant;

        Tenant(String tenant) {
            this.tenant = tenant;
        }

        // sample:enterFresh
        public Scope enterFresh() {
            MDC.put("tenant", tenant);            // no MDC.get("tenant") first: only requests set it
            return () -> MDC.remove("tenant");
        }
        // end

        @Override
        public Scope enter() {
            CALLS.add("enter " + tenant);
            String previous = MDC.get("tenant");
            MDC.put("tenant", tenant);
            return () -> MDC.put("tenant", previous);
        }

        @Override
        public void end(RequestEnd end) {
        }
    }

    private static Observed request(String tenant) {
        Request r = (Request) Proxy.newProxyInstance(Request.class.getClassLoader(), new Class<?>[] {Request.class},
                (proxy, m, args) -> null);
        Observer tenants = (Request req, Route route) -> new Tenant(tenant);
        return Observed.start(new Observer[] {tenants}, r, null, System.nanoTime());
    }

    @AfterEach
    void clean() {
        MDC.clear();
        CALLS.clear();
    }

    @Test
    void theUsualEntryIsFreshAndANestedOneIsNot() {
        Observed a = request("a");
        Observed b = request("b");
        try (Observation.Scope outer = a.enter(true)) {
            assertThat(CALLS).as("no request was current: enterFresh, not enter").isEmpty();
            assertThat(MDC.get("tenant")).isEqualTo("a");
            try (Observation.Scope nested = b.enter(false)) {
                assertThat(CALLS).containsExactly("enter b");
                assertThat(MDC.get("tenant")).isEqualTo("b");
            }
            assertThat(MDC.get("tenant")).as("the nested entry restored the outer one").isEqualTo("a");
        }
        assertThat(MDC.get("tenant")).as("the fresh entry's scope removed its key").isNull();
        try (Observation.Scope again = b.enter(false)) {
            assertThat(CALLS).as("after the outer scope closed, no request is current: fresh again").containsExactly("enter b");
            assertThat(MDC.get("tenant")).isEqualTo("b");
        }
    }

    @Test
    void byDefaultEnterFreshIsEnter() {
        Observation.Scope scope = () -> { };
        Observation plain = new Observation() {
            @Override public Scope enter() { return scope; }
            @Override public void end(RequestEnd end) { }
        };
        assertThat(plain.enterFresh()).isSameAs(scope);
    }

    @Test
    void theJavadocQuotesTheSample() throws Exception {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("framework/src"))) root = root.getParent();
        String self = Files.readString(root.resolve("framework/src/test/java/dev/brisk/observe/EnterFreshTest.java"));
        String javadoc = Files.readString(root.resolve("framework/src/main/java/dev/brisk/observe/Observation.java"));
        String marker = "// sample:enterFresh\n";
        int from = self.indexOf(marker) + marker.length();
        for (String line : self.substring(from, self.indexOf("// end", from)).split("\n")) {
            String code = line.strip();
            if (!code.isEmpty()) assertThat(javadoc).as("Observation's Javadoc quotes the sample").contains(code);
        }
    }
}
