package dev.brisk.dispatch;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-flight limit (uvicorn's {@code --limit-concurrency}, but on by default): beyond it requests
 * are refused at once with 503 instead of queueing silently. Refusals are counted and logged once per
 * burst, not once per request: the first refusal logs a WARN, the first admission after a burst logs
 * how many were refused.
 */
final class Admission {
    private static final Logger log = LoggerFactory.getLogger("brisk.overload");

    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong refusedTotal = new AtomicLong();
    private final AtomicLong refusedInBurst = new AtomicLong();
    private final AtomicBoolean inBurst = new AtomicBoolean();
    private volatile long burstStartNanos;

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
        if (inBurst.get()) endBurst();
        return true;
    }

    void release() {
        inFlight.decrementAndGet();
    }

    /** Counts a refusal from elsewhere (a full worker queue), logged with the same burst logic. */
    void refuse(String why) {
        refusedTotal.incrementAndGet();
        refusedInBurst.incrementAndGet();
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
