package dev.brisk.observe;

import dev.brisk.Request;
import dev.brisk.Response;
import dev.brisk.routing.Route;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.MDC;

/**
 * Request ids: takes the client's {@code X-Request-ID} when it is safe (1–128 characters of letters,
 * digits and {@code - _ . :}), otherwise makes a new random one; puts it in the logging MDC as
 * {@code request_id} while the request's code runs (both lanes, and every resumption on the loop), and
 * answers with it in {@code X-Request-ID} (so the access log shows it too).
 *
 * <pre>{@code
 * Brisk app = Brisk.create(new BriskConfig().observe(new RequestIds()));
 * // in logback.xml: <pattern>%d %-5level [%X{request_id}] %logger - %msg%n</pattern>
 * }</pre>
 */
public final class RequestIds implements Observer {
    /** The response and request header. */
    public static final String HEADER = "x-request-id";
    /** The MDC key. */
    public static final String MDC_KEY = "request_id";
    private static final int MAX_LENGTH = 128;

    @Override
    public Observation start(Request request, Route route) {
        String id = accept(request.header(HEADER));
        return new Id(id == null ? generate() : id);
    }

    /** The client's id if it is safe to log and echo, else {@code null}. */
    static String accept(String offered) {
        if (offered == null || offered.isEmpty() || offered.length() > MAX_LENGTH) return null;
        for (int i = 0; i < offered.length(); i++) {
            char c = offered.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':';
            if (!ok) return null;
        }
        return offered;
    }

    // A version-4 UUID from the thread's fast generator: ids need to be unique, not unguessable, and
    // UUID.randomUUID's SecureRandom would be the most expensive thing on a fast route.
    static String generate() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    // Also the scope of an entry that found no id in the MDC (the usual case): no object per entry for it.
    record Id(String id) implements Observation, Observation.Scope {
        @Override
        public Scope enter() {
            String previous = MDC.get(MDC_KEY);
            MDC.put(MDC_KEY, id);
            return previous == null ? this : () -> MDC.put(MDC_KEY, previous);
        }

        // request_id is this observer's key, set only while some request's code runs: nothing to read back
        // and restore (logback's MDC read is a thread-local and a map lookup per entry); closing removes it.
        @Override
        public Scope enterFresh() {
            MDC.put(MDC_KEY, id);
            return this;
        }

        /** Closes an entry that found no id: the MDC is left as it was. */
        @Override
        public void close() {
            MDC.remove(MDC_KEY);
        }

        @Override
        public Response answer(Response response) {
            return response.header(HEADER) != null ? response : response.withHeader(HEADER, id);
        }

        @Override
        public void end(RequestEnd end) {
        }
    }
}
