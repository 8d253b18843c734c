/**
 * Dependencies, FastAPI's {@code Depends}: {@link dev.brisk.deps.Provider}s resolved per request
 * through {@link dev.brisk.deps.Dependencies}, cached per request, with cleanup after the response.
 *
 * <p><b>Hook for the parameter binder.</b> A controller parameter annotated
 * {@link dev.brisk.deps.Depends @Depends(P.class)} is bound with
 * {@code Dependencies.resolve(request, P.class)} on the worker lane; for a loop-lane method the
 * binder resolves it with {@code Dependencies.resolveAsync(request, P.class)} and invokes the method
 * once every stage has completed (they complete on the loop).
 *
 * <p><b>Threading.</b> Providers may block: they run on the calling worker thread, or, through
 * {@code resolveAsync}, on the worker lane. Cleanup runs after the response has been handed to the
 * connection, in reverse registration order, on its own virtual thread — it never needs a worker, so
 * a saturated bounded pool cannot deadlock it (fastapi#3205). Cleanup runs whatever the outcome:
 * success, exception, time-out or client disconnect; {@link dev.brisk.deps.Scope#onExit} cleanup
 * is told which (commit or roll back, like {@code try/except} around {@code yield}).
 */
package dev.brisk.deps;
