package dev.brisk.opentelemetry;

import dev.brisk.observe.Observed;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextStorage;
import io.opentelemetry.context.Scope;

/**
 * OpenTelemetry's context storage with one addition: when nothing is attached on this thread, the
 * current context is that of the Brisk request whose code runs here (Brisk already tracks that request
 * per thread, across offload, sleep and the HTTP client). So Brisk does not attach and detach the
 * request's context around every piece of request code (a thread-local write, a scope object and a
 * thread-local restore per entry, ~10 % of a traced request's own CPU); {@code Context.current()} and
 * {@code Span.current()} still answer the request's span wherever its code runs. What the application
 * attaches itself ({@code makeCurrent}) is kept in the wrapped storage and wins while attached.
 *
 * <p>OpenTelemetry applies storage wrappers only before its storage is first used; if something used it
 * earlier, {@link #install} reports that and Brisk attaches the context around request code as before.
 */
final class RequestContextStorage implements ContextStorage {
    private final ContextStorage delegate;

    private RequestContextStorage(ContextStorage delegate) {
        this.delegate = delegate;
    }

    /** Wraps the process's context storage; whether the wrapper is in use. */
    static boolean install() {
        ContextStorage.addWrapper(RequestContextStorage::new);
        return ContextStorage.get() instanceof RequestContextStorage;
    }

    @Override
    public Scope attach(Context toAttach) {
        return delegate.attach(toAttach);
    }

    @Override
    public Context current() {
        Context attached = delegate.current();
        if (attached != null) return attached;
        Observed request = Observed.current();
        if (request == null) return null;
        RequestTrace traced = request.find(RequestTrace.class);
        return traced == null ? null : traced.context();
    }

    @Override
    public Context root() {
        return delegate.root();
    }
}
