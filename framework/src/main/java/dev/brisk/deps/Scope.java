package dev.brisk.deps;

import dev.brisk.Request;

/**
 * One request's dependency scope: the request, the dependencies already made for it, and the cleanup
 * to run once the response is sent. Obtained by providers (their argument) or by handlers through
 * {@link Dependencies#scope(Request)}.
 *
 * <pre>{@code
 * Provider<Session> SESSION = scope -> {
 *     Session s = factory.open();
 *     scope.onClose(s::close);
 *     return s;
 * };
 * Provider<Repo> REPO = scope -> new Repo(scope.get(SESSION)); // same Session as any other user in this request
 * }</pre>
 */
public interface Scope {
    /** The request this scope belongs to. */
    Request request();

    /** The value of {@code provider} for this request: made once, then cached (FastAPI's {@code use_cache=True}). */
    <T> T get(Provider<T> provider);

    /** As {@link #get(Provider)}, for a provider class (one shared instance per class). */
    <T> T get(Class<? extends Provider<T>> providerClass);

    /**
     * Registers cleanup to run after the response is sent, in reverse registration order, also when the
     * handler failed. Cleanup runs on its own virtual thread, so it never waits for a free worker
     * (fastapi#3205). A cleanup that throws is logged; the others still run.
     */
    void onClose(AutoCloseable cleanup);
}
