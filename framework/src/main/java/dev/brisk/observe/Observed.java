package dev.brisk.observe;

import dev.brisk.Request;
import dev.brisk.Response;
import dev.brisk.routing.Route;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.http.HttpRequest;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Internal: one request as all installed observers follow it. The dispatcher creates it (only when
 * observers are installed), keeps the timings, calls each {@link Observation} in order and makes the
 * request current on whatever thread runs its code, so offloads, timers and the HTTP client can
 * carry it along. Not for applications; use {@link Observer}.
 */
public final class Observed {
    private static final ThreadLocal<Observed> CURRENT = new ThreadLocal<>();
    // The "ended" flag in this object rather than an AtomicBoolean beside it: one allocation less per request.
    private static final VarHandle ENDED;
    private static final VarHandle LOOP_NANOS;
    private static final VarHandle ON_LOOP_SINCE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            ENDED = lookup.findVarHandle(Observed.class, "ended", boolean.class);
            LOOP_NANOS = lookup.findVarHandle(Observed.class, "loopNanos", long.class);
            ON_LOOP_SINCE = lookup.findVarHandle(Observed.class, "onLoopSince", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Observation[] parts;
    private final long startNanos;
    private volatile boolean ended;
    private volatile long queuedAt;
    private volatile long queuedNanos;
    // The loop-time fields are written by the request's loop thread only and read by whichever thread ends
    // the request: release writes and acquire reads order them, without the full fence a volatile write
    // costs at every entry (it showed as the entry's most sampled line in the observed server's profile).
    private long loopNanos;
    // When the request's code entered the loop and has not left it yet (0: not on the loop now), so an
    // answer given from inside that entry (a plain loop handler's, the usual case) counts its loop time.
    private long onLoopSince;
    private volatile boolean refused;

    private Observed(Observation[] parts, long startNanos) {
        this.parts = parts;
        this.startNanos = startNanos;
    }

    /**
     * Starts observing a request read at {@code startNanos} ({@code System.nanoTime()}: the server layer's
     * own reading, so no clock read here); {@code null} when no observer is interested in this request.
     */
    public static Observed start(Observer[] observers, Request request, Route route, long startNanos) {
        int len = observers.length;
        Observation[] parts = new Observation[len];
        int n = 0;
        Observation x;
        // Here and in answer, end and the entry: the calls to the first three observers are written out (the
        // seed installs three) so that each call site sees one type and the JIT inlines it. A loop's single
        // call site sees them all and goes through the interface table, and a RequestEnd passed to calls it
        // cannot inline must be allocated.
        if (len > 0 && (x = observers[0].start(request, route)) != null) parts[n++] = x;
        if (len > 1 && (x = observers[1].start(request, route)) != null) parts[n++] = x;
        if (len > 2 && (x = observers[2].start(request, route)) != null) parts[n++] = x;
        for (int i = 3; i < len; i++) {
            if ((x = observers[i].start(request, route)) != null) parts[n++] = x;
        }
        if (n == 0) return null;
        return new Observed(n == parts.length ? parts : Arrays.copyOf(parts, n), startNanos);
    }

    /** The request whose code runs on this thread now, or {@code null}. */
    public static Observed current() {
        return CURRENT.get();
    }

    /**
     * This request's observation of the given type (the first), or {@code null}: lets an observer find its
     * own part of the request that is current on this thread (e.g. the trace context, read lazily).
     */
    public <T> T find(Class<T> type) {
        for (Observation p : parts) {
            if (type.isInstance(p)) return type.cast(p);
        }
        return null;
    }

    /** Makes this request current on this thread until the scope closes; {@code onLoop} counts loop time. */
    public Observation.Scope enter(boolean onLoop) {
        return new Entered(this, onLoop, 0);
    }

    /** {@link #enter} on the loop, where the caller has just read the clock ({@code nowNanos}): one read less. */
    public Observation.Scope enterLoop(long nowNanos) {
        return new Entered(this, true, nowNanos);
    }

    public void queued() {
        queuedAt = System.nanoTime();
        for (Observation p : parts) p.queued();
    }

    public void workerStarted() {
        long at = queuedAt;
        long waited = at == 0 ? 0 : System.nanoTime() - at;
        queuedNanos = waited;
        for (Observation p : parts) p.workerStarted(waited);
    }

    /** Marks the request as refused for overload (its 503 is then counted as such). */
    public void refused() {
        refused = true;
    }

    /** Lets the observers see (and add headers to) the answer and ends the request; first call wins. */
    public Response answer(Response r, Throwable failure) {
        if (ended) return r;
        Observation[] p = parts;
        int n = p.length;
        Response out = p[0].answer(r);
        if (n > 1) out = p[1].answer(out);
        if (n > 2) out = p[2].answer(out);
        for (int i = 3; i < n; i++) out = p[i].answer(out);
        end(out.status(), failure);
        return out;
    }

    /** Ends the request with no answer written by it (client gone): status 499. */
    public void abandoned(Throwable failure) {
        end(499, failure);
    }

    private void end(int status, Throwable failure) {
        // a plain read first: the dispatcher reports every request's end after its answer ended it already,
        // and a failed compare-and-set costs a locked instruction all the same
        if (ended || !ENDED.compareAndSet(this, false, true)) return;
        long now = System.nanoTime();
        long since = (long) ON_LOOP_SINCE.getAcquire(this);
        long spent = (long) LOOP_NANOS.getAcquire(this);
        long loop = since == 0 ? spent : spent + (now - since);
        RequestEnd e = new RequestEnd(status, failure, now - startNanos, queuedNanos, loop, refused);
        Observation[] p = parts;
        int n = p.length;
        p[0].end(e);
        if (n > 1) p[1].end(e);
        if (n > 2) p[2].end(e);
        for (int i = 3; i < n; i++) p[i].end(e);
    }

    /** Wraps offloaded work so it runs as this request's code and its timing is reported. */
    public <T> Callable<T> offload(Callable<T> work, boolean cpu) {
        long submitted = System.nanoTime();
        return () -> {
            long started = System.nanoTime();
            try (Observation.Scope ignored = enter(false)) {
                return work.call();
            } finally {
                long now = System.nanoTime();
                for (Observation p : parts) p.offloaded(cpu, started - submitted, now - started);
            }
        };
    }

    /** The observers' view of an outgoing HTTP call; {@code null} when none wants it. */
    public ClientCall client(HttpRequest request) {
        ClientCall[] calls = new ClientCall[parts.length];
        HttpRequest current = request;
        int n = 0;
        for (Observation p : parts) {
            ClientCall c = p.client(current);
            if (c != null) {
                calls[n++] = c;
                current = c.request();
            }
        }
        if (n == 0) return null;
        HttpRequest sent = current;
        ClientCall[] all = Arrays.copyOf(calls, n);
        return new ClientCall() {
            @Override public HttpRequest request() { return sent; }
            @Override public void end(int status, Throwable failure) {
                for (int i = all.length - 1; i >= 0; i--) all[i].end(status, failure);
            }
        };
    }

    // The scopes of the first three observations in fields (the seed app installs three): no array per entry.
    private static final class Entered implements Observation.Scope {
        private final Observed observed;
        private final Observed previous;
        private final long enteredNanos;
        private final Observation.Scope s0;
        private final Observation.Scope s1;
        private final Observation.Scope s2;
        private final Observation.Scope[] more;

        // nowNanos: the clock as the caller just read it, or 0 to read it here if needed
        Entered(Observed observed, boolean onLoop, long nowNanos) {
            this.observed = observed;
            this.previous = CURRENT.get();
            // Only the outermost entry on the loop counts loop time (a nested one is inside its time already).
            long at = onLoop && previous != observed ? (nowNanos != 0 ? nowNanos : System.nanoTime()) : 0;
            this.enteredNanos = at;
            if (at != 0) ON_LOOP_SINCE.setRelease(observed, at);
            CURRENT.set(observed);
            Observation[] parts = observed.parts;
            int n = parts.length;
            boolean fresh = previous == null;
            // written out, not through one helper: each call site then sees one observation type (see start)
            Observation p0 = parts[0];
            s0 = fresh ? p0.enterFresh() : p0.enter();
            Observation p1 = n > 1 ? parts[1] : null;
            s1 = p1 == null ? null : fresh ? p1.enterFresh() : p1.enter();
            Observation p2 = n > 2 ? parts[2] : null;
            s2 = p2 == null ? null : fresh ? p2.enterFresh() : p2.enter();
            if (n > 3) {
                more = new Observation.Scope[n - 3];
                for (int i = 3; i < n; i++) more[i - 3] = fresh ? parts[i].enterFresh() : parts[i].enter();
            } else {
                more = null;
            }
        }

        @Override
        public void close() {
            if (more != null) for (int i = more.length - 1; i >= 0; i--) more[i].close();
            if (s2 != null) s2.close();
            if (s1 != null) s1.close();
            s0.close();
            // set, never remove: a removed entry is made again by the next request's get() (an entry object
            // and a stale-slot sweep of the thread's map every time, 5 % of an observed request's CPU)
            CURRENT.set(previous);
            // (once the request has ended, its loop time has been read: no clock read for nobody)
            if (enteredNanos != 0 && !observed.ended) {
                long spent = (long) LOOP_NANOS.getAcquire(observed) + System.nanoTime() - enteredNanos;
                ON_LOOP_SINCE.setRelease(observed, 0L);
                LOOP_NANOS.setRelease(observed, spent);
            }
        }
    }
}
