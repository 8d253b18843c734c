package dev.brisk.internal.dispatch;

import dev.brisk.Response;
import dev.brisk.observe.Observation;
import dev.brisk.observe.Observed;

/**
 * The dispatcher's few calls into the observation SPI, each a no-op (one null check) when no observer
 * is installed. Kept apart so the request path shows one line per hook.
 */
final class Observe {
    private Observe() {}

    static Observation.Scope enter(RequestImpl req, boolean onLoop) {
        return req.observed == null ? null : req.observed.enter(onLoop);
    }

    /** {@link #enter} on the loop, the clock read at {@code nowNanos} (the watchdog's probe just read it). */
    static Observation.Scope enterLoop(RequestImpl req, long nowNanos) {
        return req.observed == null ? null : req.observed.enterLoop(nowNanos);
    }

    static Response answer(RequestImpl req, Response r, Throwable failure) {
        return req.observed == null ? r : req.observed.answer(r, failure);
    }

    /** After the request's end: if no answer was written (client gone, cut off), it ends as 499. */
    static void abandoned(RequestImpl req) {
        Observed o = req.observed;
        if (o != null) o.abandoned(req.failure());
    }
}
