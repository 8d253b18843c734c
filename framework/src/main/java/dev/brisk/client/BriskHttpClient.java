package dev.brisk.client;

import dev.brisk.Loop;
import dev.brisk.observe.ClientCall;
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
 *
 * <p><b>Failures.</b> An upstream that refuses, resets, cannot be resolved or does not answer in time
 * fails the call with {@link UpstreamException}: the route answers 502 or 504 (never a 500), and the
 * client logs one WARN line per upstream every 10 s with the count of failures it stands for.
 * Headers of outgoing requests are checked by the JDK's {@code HttpRequest.Builder}, which refuses
 * CR/LF in names and values.
 */
public final class BriskHttpClient implements AutoCloseable {
    private volatile HttpClient client;
    private final ExecutorService executor;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final UpstreamLog failures = new UpstreamLog();

    private BriskHttpClient(Duration connectTimeout, Duration timeout) {
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("brisk-http-", 1).factory());
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    // The JDK client is built on first use, not with the app: building it initialises the default
    // SSLContext (some 300 TLS classes), start-up work an app that never calls out should not pay.
    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    client = c = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(connectTimeout)
                            .executor(executor)
                            .build();
                }
            }
        }
        return c;
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
        HttpRequest actual = call == null ? request : call.request();
        try {
            HttpResponse<byte[]> res = client().send(actual, HttpResponse.BodyHandlers.ofByteArray());
            if (call != null) call.end(res.statusCode(), null);
            return convert(res);
        } catch (IOException e) {
            if (call != null) call.end(-1, e);
            throw upstream(request, e);
        } catch (InterruptedException | RuntimeException e) {
            if (call != null) call.end(-1, e);
            throw e;
        }
    }

    private UpstreamException upstream(HttpRequest request, Throwable cause) {
        int status = cause instanceof java.net.http.HttpTimeoutException ? 504 : 502;
        String origin = UpstreamLog.origin(request.uri());
        failures.failed(origin, status, cause);
        return new UpstreamException(status, origin, cause);
    }

    private Throwable translate(HttpRequest request, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return cause instanceof IOException ? upstream(request, cause) : cause;
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
            CompletableFuture<ClientResponse> out = new CompletableFuture<>();
            client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((res, err) -> {
                if (call != null) call.end(err == null ? res.statusCode() : -1, err);
                if (err != null) out.completeExceptionally(translate(original, err));
                else out.complete(convert(res));
            });
            return out;
        }
        // The JDK client does real work inside sendAsync (first-use initialisation, name lookup, connection
        // set-up): start it from a virtual thread so none of that runs on the event loop.
        CompletableFuture<HttpResponse<byte[]>> io = CompletableFuture
                .supplyAsync(() -> client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()), executor)
                .thenCompose(f -> f);
        // Failures become 502/504 (UpstreamException) before they reach the loop; adopt resumes on the
        // loop under the route's watchdog mark and the request's observation (trace, MDC).
        CompletableFuture<ClientResponse> answered = io.handle((res, err) -> {
            if (call != null) call.end(err == null ? res.statusCode() : -1, err);
            if (err != null) throw new CompletionException(translate(original, err));
            return convert(res);
        });
        return loop.adopt(answered);
    }

    private static ClientResponse convert(HttpResponse<byte[]> res) {
        Map<String, java.util.List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(res.headers().map());
        return new ClientResponse(res.statusCode(), headers, res.body());
    }

    @Override
    public void close() {
        HttpClient c = client;
        if (c != null) c.close();
        executor.shutdownNow();
    }
}
