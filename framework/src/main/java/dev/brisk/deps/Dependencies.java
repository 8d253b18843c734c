package dev.brisk.deps;

import dev.brisk.Request;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Resolves dependencies for a request: the entry point for handlers, lambda routes and the parameter
 * binder ({@link Depends}).
 *
 * <pre>{@code
 * // worker-lane handler: providers run right here, on the worker thread
 * app.get("/items", worker(req -> Dependencies.resolve(req, REPO).all()));
 *
 * // loop handler: providers run on the worker lane, the stage completes on the event loop
 * app.get("/async-items", loop(req -> Dependencies.resolveAsync(req, REPO).thenApply(Repo::all)));
 * }</pre>
 *
 * <p>Per request, each provider (by identity; one shared instance per {@link Depends} class) is called
 * at most once and its value reused by every dependant. Cleanup registered with
 * {@link Scope#onClose} runs after the response is sent, in reverse order, on a virtual thread.
 */
public final class Dependencies {
    private static final String KEY = "brisk.deps.scope";

    private Dependencies() {}

    /** The request's dependency scope, created on first use. */
    public static Scope scope(Request req) {
        return (Scope) req.attributes().computeIfAbsent(KEY, k -> new RequestScope(req));
    }

    /** The value of {@code provider} for this request (cached per request). Runs the provider on the calling thread. */
    public static <T> T resolve(Request req, Provider<T> provider) {
        return scope(req).get(provider);
    }

    /** As {@link #resolve(Request, Provider)}, for a provider class (the {@link Depends} form). */
    public static <T> T resolve(Request req, Class<?> providerClass) {
        return scope(req).get(providerClass);
    }

    /**
     * For loop handlers: resolves {@code provider} on the worker lane (it may block) and completes on the
     * request's event loop. Already-cached values complete at once, without a hop.
     */
    public static <T> CompletionStage<T> resolveAsync(Request req, Provider<T> provider) {
        RequestScope scope = (RequestScope) scope(req);
        if (scope.has(provider) || !req.loop().inLoop()) {
            try {
                return CompletableFuture.completedFuture(scope.get(provider));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return req.offload(() -> scope.get(provider));
    }

    /** As {@link #resolveAsync(Request, Provider)}, for a provider class. */
    @SuppressWarnings("unchecked")
    public static <T> CompletionStage<T> resolveAsync(Request req, Class<?> providerClass) {
        return resolveAsync(req, (Provider<T>) Registry.of(req).forClass(providerClass));
    }

    /**
     * Runs the request's cleanup, once, on a new virtual thread (never the worker pool, so a saturated
     * pool cannot deadlock it). Called by the dispatcher after the response is sent; later calls do
     * nothing. Returns a stage that completes when every cleanup has run.
     */
    public static CompletionStage<Void> runCleanup(Request req) {
        return runCleanup(req, null);
    }

    /** As {@link #runCleanup(Request)}, telling {@link Scope#onExit} cleanups how the request failed ({@code null}: it did not). */
    public static CompletionStage<Void> runCleanup(Request req, Throwable failure) {
        Object scope = req.attributes().get(KEY);
        return scope == null ? CompletableFuture.completedFuture(null) : ((RequestScope) scope).close(failure);
    }
}
