package dev.brisk.client;

import dev.brisk.Loop;
import dev.brisk.dispatch.LoopContext;
import dev.brisk.observe.ClientCall;
import dev.brisk.observe.Observation;
import dev.brisk.observe.Observed;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP client for handlers, in both lanes: {@link #getAsync} for loop handlers (non-blocking; the
 * stage completes <b>on the calling event loop</b>, so chained code stays loop-confined), and
 * {@link #get} for worker handlers (blocks the calling thread, cheap on a virtual thread). The JDK's
 * {@link HttpClient} does the I/O; its callbacks run on virtual threads and hop back to the loop.
 *
 * <pre>{@code
 * BriskHttpClient http = BriskHttpClient.create();
 * app.get("/http/async", loop(req -> http.getAsync(upstream + "/?waitms=1000").thenApply(ClientResponse::text)));
 * app.get("/http/sync",  worker(req -> http.get(upstream + "/?waitms=1000").text()));
 * }</pre>
 */
public final class BriskHttpClient implements AutoCloseable {
    private final HttpClient client;
    private final ExecutorService executor;
    private final Duration timeout;

    private BriskHttpClient(Duration connectTimeout, Duration timeout) {
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("brisk-http-", 1).factory());
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(executor)
                .build();
        this.timeout = timeout;
    }

    /** A client with a 10 s connect timeout and a 60 s request timeout. */
    public static BriskHttpClient create() {
        return new BriskHttpClient(Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /** A client with the given connect and whole-request timeouts. */
    public static BriskHttpClient create(Duration connectTimeout, Duration requestTimeout) {
        return new BriskHttpClient(connectTimeout, requestTimeout);
    }

    /** Blocking GET, for the worker lane. */
    public ClientResponse get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }

    /** Blocking send of any request, for the worker lane. */
    public ClientResponse send(HttpRequest request) throws IOException, InterruptedException {
        Observed observed = Observed.current();
        ClientCall call = observed == null ? null : observed.client(request); // obs hook: client span, trace headers
        if (call == null) return convert(client.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        try {
            HttpResponse<byte[]> res = client.send(call.request(), HttpResponse.BodyHandlers.ofByteArray());
            call.end(res.statusCode(), null);
            return convert(res);
        } catch (IOException | InterruptedException | RuntimeException e) {
            call.end(-1, e);
            throw e;
        }
    }

    /** Non-blocking GET; completes on the calling Brisk event loop (or a client thread elsewhere). */
    public CompletionStage<ClientResponse> getAsync(String url) {
        return sendAsync(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build());
    }

    /** Non-blocking send; completes on the calling Brisk event loop (or a client thread elsewhere). */
    public CompletionStage<ClientResponse> sendAsync(HttpRequest original) {
        Observed observed = Observed.current();
        ClientCall call = observed == null ? null : observed.client(original); // obs hook: client span, trace headers
        HttpRequest request = call == null ? original : call.request();
        Loop loop = Loop.current().orElse(null);
        if (loop == null) {
            CompletableFuture<HttpResponse<byte[]>> io = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            if (call != null) io.whenComplete((res, err) -> call.end(err == null ? res.statusCode() : -1, err));
            return io.thenApply(BriskHttpClient::convert);
        }
        // The JDK client does real work inside sendAsync (first-use initialisation, name lookup, connection
        // set-up): start it from a virtual thread so none of that runs on the event loop.
        String route = loop instanceof LoopContext lc ? lc.probe().currentRoute() : null;
        CompletableFuture<ClientResponse> onLoop = new CompletableFuture<>();
        CompletableFuture<HttpResponse<byte[]>> io = CompletableFuture
                .supplyAsync(() -> client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()), executor)
                .thenCompose(f -> f);
        io.whenComplete((res, err) -> loop.execute(() -> resume(loop, route, observed, () -> {
            if (call != null) call.end(err == null ? res.statusCode() : -1, err);
            if (err != null) onLoop.completeExceptionally(err instanceof CompletionException && err.getCause() != null ? err.getCause() : err);
            else onLoop.complete(convert(res));
        })));
        onLoop.whenComplete((r, e) -> {
            if (onLoop.isCancelled()) io.cancel(true);
        });
        return onLoop;
    }

    // Continuations run inside the completion: mark the route so the watchdog can name it if they block.
    private static void resume(Loop loop, String route, Observed observed, Runnable completion) {
        try (Observation.Scope ignored = observed == null ? Observation.Scope.NONE : observed.enter(true)) {
            if (loop instanceof LoopContext lc) lc.probe().runAs(route, completion);
            else completion.run();
        }
    }

    private static ClientResponse convert(HttpResponse<byte[]> res) {
        Map<String, java.util.List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(res.headers().map());
        return new ClientResponse(res.statusCode(), headers, res.body());
    }

    @Override
    public void close() {
        client.close();
        executor.shutdownNow();
    }
}
