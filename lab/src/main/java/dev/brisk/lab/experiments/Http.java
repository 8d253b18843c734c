package dev.brisk.lab.experiments;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The lab's client side: fires requests all at once (like the seeds' {@code asyncio.gather} and
 * {@code curl ... &}) and records each one's send and answer time.
 */
final class Http {
    private Http() {}

    /** Sends every path at once on fresh connections and waits for all answers (or timeouts). */
    static List<Sample> burst(String base, List<String> paths, Duration timeout) {
        // A fresh client per burst: every request gets its own new connection, as with the seeds' clients.
        HttpClient client = client();
        try {
            long t0 = System.nanoTime();
            List<CompletableFuture<Sample>> futures = new ArrayList<>();
            for (int i = 0; i < paths.size(); i++) futures.add(send(client, base, paths.get(i), i, timeout, t0));
            List<Sample> samples = new ArrayList<>();
            for (CompletableFuture<Sample> f : futures) samples.add(f.join());
            return samples;
        } finally {
            client.shutdownNow();
        }
    }

    /** One request with the given client; never completes exceptionally (errors become samples). */
    static CompletableFuture<Sample> send(HttpClient client, String base, String path, int index, Duration timeout, long t0) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build();
        double start = ms(t0);
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((res, err) -> err == null
                        ? new Sample(index, path, start, ms(t0), res.statusCode(), res.body(), null)
                        : new Sample(index, path, start, ms(t0), 0, "", kind(err)));
    }

    /** One blocking request on the calling thread, for the thread-pool clients of seed 003. */
    static Sample get(HttpClient client, String url, int index, Duration timeout, long t0) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        double start = ms(t0);
        try {
            HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Sample(index, url, start, ms(t0), res.statusCode(), res.body(), null);
        } catch (IOException e) {
            return new Sample(index, url, start, ms(t0), 0, "", kind(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sample(index, url, start, ms(t0), 0, "", "interrupted");
        }
    }

    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    }

    static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    /** A short name for why a request got no answer. */
    static String kind(Throwable err) {
        Throwable t = err;
        while ((t instanceof CompletionException || t.getCause() instanceof ConnectException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof HttpTimeoutException) return "timeout";
        if (t instanceof ConnectException) return "refused";
        if (t instanceof IOException) return "io error";
        return t.getClass().getSimpleName();
    }
}
