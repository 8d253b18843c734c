package dev.brisk.deps;

/**
 * Makes one dependency for one request, like a FastAPI dependency function. A provider may take the
 * request and other dependencies from its {@link Scope}, and may register cleanup that runs after the
 * response is sent (FastAPI's code after {@code yield}).
 *
 * <pre>{@code
 * static final Provider<Db> DB = scope -> {
 *     Db db = pool.open();                 // may block: resolved on the worker lane
 *     scope.onClose(db::close);            // runs after the response, even if the handler failed
 *     return db;
 * };
 * static final Provider<User> USER = scope -> scope.get(DB).user(scope.request().header("x-token"));
 *
 * app.get("/me", worker(req -> Dependencies.resolve(req, USER)));
 * }</pre>
 *
 * <p>A provider is treated as possibly blocking: from a worker-lane handler it runs on the calling
 * worker thread; from a loop handler use {@link Dependencies#resolveAsync}, which runs it on the
 * worker lane and resumes on the event loop. Providers used with {@link Depends} need a public no-arg
 * constructor; one instance per class is shared, so keep them stateless.
 *
 * @param <T> what the provider makes
 */
@FunctionalInterface
public interface Provider<T> {
    /** Makes the value for the request behind {@code scope}. Thrown exceptions fail the request as a handler's would. */
    T provide(Scope scope) throws Exception;
}
