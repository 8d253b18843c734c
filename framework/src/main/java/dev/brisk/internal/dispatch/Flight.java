package dev.brisk.internal.dispatch;

import dev.brisk.Response;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One request's two endings, which happen independently: its <em>answer</em> (the handler's result, a
 * 504 from the time limit, or none when the client left) and the end of its <em>work</em> (the handler
 * returned, even long after a 504). The first answer wins and frees the in-flight slot; the
 * after-response work (dependency cleanup, background tasks) starts only once both have happened, so
 * cleanup never closes what a still-running handler uses, and never runs before the response is sent.
 */
abstract class Flight {
    // Plain fields behind VarHandles, not an AtomicBoolean and an AtomicInteger: two objects fewer per request
    private static final VarHandle ANSWERED;
    private static final VarHandle OPEN;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ANSWERED = l.findVarHandle(Flight.class, "answered", boolean.class);
            OPEN = l.findVarHandle(Flight.class, "open", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile boolean answered;
    private volatile int open = 2; // answer delivered + work done
    private Admission admission; // set before the work starts; null: the request holds no in-flight slot
    private volatile boolean abandoned;

    /**
     * Hands an answer ({@code null}: abandoned) on; returns whether it reached the connection already
     * (else the caller reports {@link #delivered()} later, after the middleware chain wrote it).
     */
    abstract boolean deliver(Response r);

    /** The after-response work. */
    abstract void afterwards();

    /** The request took an in-flight slot, released by the first answer. */
    void admitted(Admission slot) {
        this.admission = slot;
    }

    /** Answers unless an answer was already given; returns whether this call answered. */
    boolean answer(Response r) {
        if (!ANSWERED.compareAndSet(this, false, true)) return false;
        if (admission != null) admission.release();
        if (r == null) abandoned = true;
        if (deliver(r)) settle();
        return true;
    }

    /** The client went away: no answer will be written. */
    void abandon() {
        answer(null);
    }

    boolean answered() {
        return answered;
    }

    boolean abandoned() {
        return abandoned;
    }

    /** The response (or the abandonment) has reached the connection. */
    void delivered() {
        settle();
    }

    /** The handler's work has ended (or never started). Exactly once per request. */
    void workDone() {
        settle();
    }

    private void settle() {
        if ((int) OPEN.getAndAdd(this, -1) == 1) afterwards();
    }
}
