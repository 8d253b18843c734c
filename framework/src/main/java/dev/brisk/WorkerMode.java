package dev.brisk;

/**
 * How the worker lane runs plain (blocking) handlers.
 *
 * <pre>{@code
 * WorkerMode.virtual()          // default: a virtual thread per request, no pool limit
 * WorkerMode.pool(40)           // 40 platform threads, unbounded FIFO queue: FastAPI/AnyIO parity
 * WorkerMode.pool(40, 1000)     // 40 threads, at most 1000 queued; beyond that 503 + Retry-After
 * WorkerMode.parse("pool:40:1000")
 * }</pre>
 */
public sealed interface WorkerMode {

    /** A new virtual thread per worker-lane request. */
    record Virtual() implements WorkerMode {
        @Override
        public String toString() {
            return "virtual threads";
        }
    }

    /**
     * A fixed pool of platform threads. A bounded pool admits at most {@code threads + queue} requests
     * at once (running or waiting); the next is answered 503 at once. Work an admitted request offloads
     * ({@code Request.offload}) waits in the same queue but is never refused.
     *
     * @param threads pool size
     * @param queue queue capacity, or {@code -1} for an unbounded queue (FastAPI's behaviour)
     */
    record Pool(int threads, int queue) implements WorkerMode {
        public Pool {
            if (threads < 1) throw new IllegalArgumentException("pool threads must be >= 1: " + threads);
            if (queue < -1) throw new IllegalArgumentException("queue must be >= 0, or -1 for unbounded: " + queue);
        }

        public boolean unbounded() {
            return queue < 0;
        }

        @Override
        public String toString() {
            return "platform pool of " + threads + " threads, " + (unbounded() ? "unbounded queue" : "queue of " + queue);
        }
    }

    static WorkerMode virtual() {
        return new Virtual();
    }

    static WorkerMode pool(int threads) {
        return new Pool(threads, -1);
    }

    static WorkerMode pool(int threads, int queue) {
        return new Pool(threads, queue);
    }

    /** FastAPI's hidden default: AnyIO's 40 worker tokens and an unbounded wait. */
    static WorkerMode fastApiParity() {
        return new Pool(40, -1);
    }

    /** Parses {@code virtual}, {@code pool:T} or {@code pool:T:Q}. */
    static WorkerMode parse(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("virtual")) return virtual();
        if (s.startsWith("pool:")) {
            String[] parts = s.substring(5).split(":");
            try {
                if (parts.length == 1) return pool(Integer.parseInt(parts[0]));
                if (parts.length == 2) return pool(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("worker mode must be 'virtual', 'pool:T' or 'pool:T:Q', not '" + text + "'");
    }
}
