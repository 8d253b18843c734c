package dev.brisk.openapi;

import dev.brisk.LoopHandler;
import dev.brisk.Request;
import dev.brisk.Response;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code /openapi.json} answer, built by the first request that asks for it on the worker lane (so
 * the building never stalls an event loop), then served from memory on the loop. Requests arriving
 * while it is built wait for the same build. A build that fails is tried again by the next request.
 */
final class LazyDocument implements LoopHandler {
    private final Callable<byte[]> build;
    private volatile Response ready;
    private CompletableFuture<Response> building;   // guarded by this

    LazyDocument(Callable<byte[]> build) {
        this.build = build;
    }

    @Override
    public CompletionStage<?> handle(Request request) {
        Response r = ready;
        return r != null ? CompletableFuture.completedFuture(r) : request.adopt(building(request));
    }

    private synchronized CompletableFuture<Response> building(Request request) {
        if (building == null) {
            CompletableFuture<Response> b = request.offload(() -> {
                Response built = Response.rawJson(build.call());
                ready = built;
                return built;
            }).toCompletableFuture();
            b.whenComplete((v, e) -> {
                if (e != null) retryLater(b);
            });
            building = b;
        }
        return building;
    }

    private synchronized void retryLater(CompletableFuture<Response> failed) {
        if (building == failed) building = null;
    }
}
