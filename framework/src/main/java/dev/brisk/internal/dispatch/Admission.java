package dev.brisk.internal.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-flight limit (uvicorn's {@code --limit-concurrency}, but on by default): beyond it requests
 * are refused at once with 503 instead of queueing silently. Refusals are counted and logged once per
 * burst, not once per request: the first refusal logs a WARN, the first admission after a quiet second
 * logs how many were refused.
 */
final class Admission {
    private static final Logger log = LoggerFactory.getLogger("brisk.overload");

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong refusedTotal = new AtomicLong();
    private final AtomicLong refusedInBurst = new AtomicLong();
    private final AtomicBoolean inBurst = new AtomicBoolean();
    private static final long QUIET_NANOS = 1_000_000_000L;
    private volatile long burstStartNanos;
    private volatile long lastRefusalNanos;

    Admission(int limit) {
        this.limit = limit;
    }

    /** Takes a slot, or returns false (and counts a refusal) when the limit is reached. */
    boolean tryAcquire() {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            refuse("in-flight limit of " + limit + " requests reached");
            return false;
        }
        // A burst ends after a quiet second, not at the first admission: with a full worker queue,
        // admissions and refusals interleave and would otherwise log a line per request.
        if (inBurst.get() && System.nanoTime() - lastRefusalNanos > QUIET_NANOS) endBurst();
        return true;
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /** Counts a refusal from elsewhere (a full worker queue), logged with the same burst logic. */
    void refuse(String why) {
        refusedTotal.incrementAndGet();
        refusedInBurst.incrementAndGet();
        lastRefusalNanos = System.nanoTime();
        if (inBurst.compareAndSet(false, true)) {
            burstStartNanos = System.nanoTime();
            log.warn("overloaded: {}; answering 503 with Retry-After until load drops", why);
        }
    }

    private void endBurst() {
        if (inBurst.compareAndSet(true, false)) {
            long n = refusedInBurst.getAndSet(0);
            long ms = (System.nanoTime() - burstStartNanos) / 1_000_000;
            log.warn("overload over: {} requests answered 503 in {} ms", n, ms);
        }
    }

    int inFlight() {
        return inFlight.get();
    }

    long refusedTotal() {
        return refusedTotal.get();
    }
}
