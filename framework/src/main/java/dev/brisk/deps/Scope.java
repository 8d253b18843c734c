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

    /**
     * As {@link #get(Provider)}, for a {@link Depends} class: the app's override or registered object for
     * it, else one instance per app (a {@link Provider}, a class with a declared {@code provide} method).
     */
    <T> T get(Class<?> providerClass);

    /**
     * Registers cleanup to run after the response is sent, in reverse registration order, also when the
     * handler failed. Cleanup runs on its own virtual thread, so it never waits for a free worker
     * (fastapi#3205). A cleanup that throws is logged; the others still run.
     */
    void onClose(AutoCloseable cleanup);

    /**
     * Registers cleanup that learns how the request ended, like code after {@code yield} inside
     * {@code try/except} in FastAPI: {@code failure} is {@code null} on success, else the handler's
     * exception (also an {@code HttpException} it threw), a {@code TimeoutException} for a time-out or a
     * {@code CancellationException} when the client went away. Runs with the {@link #onClose} cleanups,
     * in the same reverse order.
     *
     * <pre>{@code
     * Provider<Tx> TX = scope -> {
     *     Tx tx = db.begin();
     *     scope.onExit(failure -> { if (failure == null) tx.commit(); else tx.rollback(); });
     *     return tx;
     * };
     * }</pre>
     */
    void onExit(Exit cleanup);

    /** Cleanup that receives the request's failure, or {@code null}. */
    @FunctionalInterface
    interface Exit {
        void exit(Throwable failure) throws Exception;
    }
}
