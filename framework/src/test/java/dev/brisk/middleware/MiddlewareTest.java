package dev.brisk.middleware;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Response;
import dev.brisk.testing.BriskTestClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MiddlewareTest {

    /** Records "name>" on the way in and "<name" on the way out, plus the threads it ran on. */
    static Middleware tracing(String name, List<String> trace) {
        return (req, next) -> {
            trace.add(name + ">");
            return next.call().thenApply(res -> {
                trace.add("<" + name);
                return res.withHeader("x-after-" + name, Thread.currentThread().getName());
            });
        };
    }

    @Test
    void lastAddedIsOutermostAndSeesTheResponse() {
        List<String> trace = new CopyOnWriteArrayList<>();
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/hello", worker(req -> {
            trace.add("handler");
            return Map.of("hello", "world");
        }));
        app.addMiddleware(tracing("inner", trace));
        app.addMiddleware(tracing("outer", trace));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var r = client.get("/hello").assertStatus(200).assertJson("hello", "world");
            assertThat(trace).containsExactly("outer>", "inner>", "handler", "<inner", "<outer");
            // after-phase is loop-confined even though the handler ran on a worker
            assertThat(r.header("x-after-inner")).startsWith("brisk-loop-");
            assertThat(r.header("x-after-outer")).startsWith("brisk-loop-");
        }
    }

    @Test
    void loopRouteStaysOnTheLoopThroughMiddleware() {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/async", loop(req -> req.sleep(Duration.ofMillis(5))
                .thenApply(v -> Map.of("thread", Thread.currentThread().getName()))));
        app.get("/sync", worker(req -> Map.of("thread", Thread.currentThread().getName())));
        app.addMiddleware((req, next) -> {
            String before = Thread.currentThread().getName();
            return next.call().thenApply(res -> res.withHeader("x-before", before));
        });
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var a = client.get("/async").assertStatus(200);
            assertThat((String) a.json("thread")).startsWith("brisk-loop-");
            assertThat(a.header("x-before")).isEqualTo(a.json("thread"));
            var s = client.get("/sync").assertStatus(200);
            assertThat((String) s.json("thread")).doesNotStartWith("brisk-loop-");
            assertThat(s.header("x-before")).startsWith("brisk-loop-");
        }
    }

    @Test
    void shortCircuitSkipsTheHandler() {
        AtomicInteger calls = new AtomicInteger();
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/secret", worker(req -> Map.of("calls", calls.incrementAndGet())));
        app.addMiddleware((req, next) -> "let-me-in".equals(req.header("x-api-key")) ? next.call()
                : CompletableFuture.completedFuture(Response.json(Map.of("detail", "Forbidden")).withStatus(403)));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/secret").assertStatus(403).assertJson("detail", "Forbidden");
            assertThat(calls.get()).isZero();
            client.get("/secret").header("X-API-Key", "let-me-in").assertStatus(200).assertJson("calls", 1);
        }
    }

    @Test
    void middlewareSeesRouterMissesAndErrors() {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/items", worker(req -> List.of()));
        app.get("/fail", worker(req -> { throw new IllegalStateException("internal"); }));
        app.addMiddleware((req, next) -> next.call().thenApply(res ->
                res.withHeader("x-seen", res.status() + " " + req.routeTemplate())));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/nowhere").assertStatus(404).assertHeader("x-seen", "404 null").assertJson("detail", "Not Found");
            client.delete("/items").assertStatus(405).assertHeader("x-seen", "405 null").assertHeader("allow", "GET, HEAD");
            client.get("/fail").assertStatus(500).assertHeader("x-seen", "500 /fail");
            client.get("/items").assertStatus(200).assertHeader("x-seen", "200 /items");
        }
    }

    @Test
    void failingMiddlewareAnswers500FromTheExceptionHandlers() {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/x", worker(req -> "x"));
        app.addMiddleware((req, next) -> { throw new IllegalStateException("mw internals"); });
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var r = client.get("/x").assertStatus(500).assertJson("detail", "Internal Server Error");
            assertThat(r.text()).doesNotContain("mw internals");
        }
    }

    @Test
    void callingNextTwiceIsRefused() {
        AtomicInteger calls = new AtomicInteger();
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/once", worker(req -> Map.of("calls", calls.incrementAndGet())));
        app.addMiddleware((req, next) -> next.call().thenCompose(first -> next.call()));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/once").assertStatus(500).assertJson("detail", "Internal Server Error");
            assertThat(calls.get()).isEqualTo(1);
        }
    }
}
