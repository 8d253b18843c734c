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

    static {
        try {
            ENDED = MethodHandles.lookup().findVarHandle(Observed.class, "ended", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Observation[] parts;
    private final long startNanos = System.nanoTime();
    private volatile boolean ended;
    private volatile long queuedAt;
    private volatile long queuedNanos;
    private volatile long loopNanos; // written by the request's loop thread only
    private volatile boolean refused;

    private Observed(Observation[] parts) {
        this.parts = parts;
    }

    /** Starts observing; {@code null} when no observer is interested in this request. */
    public static Observed start(Observer[] observers, Request request, Route route) {
        Observation[] parts = new Observation[observers.length];
        int n = 0;
        for (Observer o : observers) {
            Observation x = o.start(request, route);
            if (x != null) parts[n++] = x;
        }
        if (n == 0) return null;
        return new Observed(n == parts.length ? parts : Arrays.copyOf(parts, n));
    }

    /** The request whose code runs on this thread now, or {@code null}. */
    public static Observed current() {
        return CURRENT.get();
    }

    /** Makes this request current on this thread until the scope closes; {@code onLoop} counts loop time. */
    public Observation.Scope enter(boolean onLoop) {
        return new Entered(this, onLoop);
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
        Response out = r;
        for (Observation p : parts) out = p.answer(out);
        end(out.status(), failure);
        return out;
    }

    /** Ends the request with no answer written by it (client gone): status 499. */
    public void abandoned(Throwable failure) {
        end(499, failure);
    }

    private void end(int status, Throwable failure) {
        if (!ENDED.compareAndSet(this, false, true)) return;
        RequestEnd e = new RequestEnd(status, failure, System.nanoTime() - startNanos, queuedNanos, loopNanos, refused);
        for (Observation p : parts) p.end(e);
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

    private static final class Entered implements Observation.Scope {
        private final Observed observed;
        private final Observed previous;
        private final Observation.Scope[] scopes;
        private final long enteredNanos;

        Entered(Observed observed, boolean onLoop) {
            this.observed = observed;
            this.previous = CURRENT.get();
            this.enteredNanos = onLoop ? System.nanoTime() : 0;
            CURRENT.set(observed);
            Observation[] parts = observed.parts;
            scopes = new Observation.Scope[parts.length];
            for (int i = 0; i < parts.length; i++) scopes[i] = parts[i].enter();
        }

        @Override
        public void close() {
            for (int i = scopes.length - 1; i >= 0; i--) scopes[i].close();
            if (previous == null) CURRENT.remove();
            else CURRENT.set(previous);
            if (enteredNanos != 0) observed.loopNanos += System.nanoTime() - enteredNanos;
        }
    }
}
