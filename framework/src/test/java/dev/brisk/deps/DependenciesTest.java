package dev.brisk.deps;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.testing.BriskTestClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DependenciesTest {
    static final AtomicInteger made = new AtomicInteger();

    record Db(int id) {}

    record Repo(Db db) {}

    record Service(Db db) {}

    static final Provider<Db> DB = scope -> new Db(made.incrementAndGet());
    static final Provider<Repo> REPO = scope -> new Repo(scope.get(DB));
    static final Provider<Service> SERVICE = scope -> new Service(scope.get(DB));
    static final Provider<String> TOKEN = scope -> {
        String t = scope.request().header("x-token");
        if (t == null) throw new HttpException(401, "Not authenticated");
        return t;
    };

    /** The @Depends form: a class with a no-arg constructor. */
    public static final class CurrentUser implements Provider<String> {
        @Override
        public String provide(Scope scope) {
            return "user-of-" + scope.get(TOKEN);
        }
    }

    @Test
    void cachedPerRequestWithSubDependencies() {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/both", worker(req -> {
            Repo repo = Dependencies.resolve(req, REPO);
            Service service = Dependencies.resolve(req, SERVICE);
            return Map.of("repo_db", repo.db().id(), "service_db", service.db().id(),
                    "same", repo.db() == service.db(), "again", Dependencies.resolve(req, REPO) == repo);
        }));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var first = client.get("/both").assertStatus(200).assertJson("same", true).assertJson("again", true);
            var second = client.get("/both").assertStatus(200).assertJson("same", true);
            assertThat(second.json("repo_db")).isNotEqualTo(first.json("repo_db")); // a new request, a new Db
        }
    }

    @Test
    void providersTakeTheRequestAndClassProvidersWork() {
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/me", worker(req -> Map.of("user", Dependencies.<String>resolve(req, CurrentUser.class))));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/me").header("X-Token", "abc").assertStatus(200).assertJson("user", "user-of-abc");
            client.get("/me").assertStatus(401).assertJson("detail", "Not authenticated");
        }
    }

    @Test
    void cleanupRunsAfterTheResponseInReverseOrderEvenAfterFailure() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch responded = new CountDownLatch(1);
        CountDownLatch cleaned = new CountDownLatch(2);
        Provider<String> outer = scope -> {
            events.add("open outer");
            scope.onClose(() -> {
                events.add("close outer on " + Thread.currentThread().getName());
                cleaned.countDown();
            });
            return "outer";
        };
        Provider<String> inner = scope -> {
            String o = scope.get(outer);
            events.add("open inner");
            scope.onClose(() -> {
                // runs first; proves "after the response": the test releases this only once it has the answer
                boolean sent = responded.await(10, TimeUnit.SECONDS);
                events.add("close inner sent=" + sent);
                cleaned.countDown();
            });
            return o + "+inner";
        };
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/fail", worker(req -> {
            Dependencies.resolve(req, inner);
            throw new IllegalStateException("handler failed");
        }));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/fail").assertStatus(500);
            events.add("response received");
            responded.countDown();
            assertThat(cleaned.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(events).hasSize(5);
        assertThat(events.subList(0, 3)).containsExactly("open outer", "open inner", "response received");
        assertThat(events.get(3)).isEqualTo("close inner sent=true"); // reverse order: inner (registered last) first
        assertThat(events.get(4)).startsWith("close outer on brisk-cleanup");
    }

    @Test
    void loopHandlersResolveOnTheWorkerLaneAndResumeOnTheLoop() {
        List<String> threads = new CopyOnWriteArrayList<>();
        Provider<String> blocking = scope -> {
            threads.add(Thread.currentThread().getName());
            Thread.sleep(20); // a blocking provider: must not run on the loop
            return "value";
        };
        Brisk app = Brisk.create(new BriskConfig().loops(1).strictWatchdog(true));
        app.get("/async", loop(req -> Dependencies.resolveAsync(req, blocking)
                .thenCompose(v -> Dependencies.resolveAsync(req, blocking)) // cached: no second call
                .thenApply(v -> Map.of("value", v, "thread", Thread.currentThread().getName()))));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var r = client.get("/async").assertStatus(200).assertJson("value", "value");
            assertThat((String) r.json("thread")).startsWith("brisk-loop-");
        }
        assertThat(threads).hasSize(1);
        assertThat(threads.get(0)).doesNotStartWith("brisk-loop-");
    }

    @Test
    void cleanupRunsAfterATimeOutAndAfterAClientDisconnect() throws Exception {
        CountDownLatch timedOutCleanup = new CountDownLatch(1);
        CountDownLatch abandonedCleanup = new CountDownLatch(1);
        CountDownLatch handlerEntered = new CountDownLatch(1);
        List<String> outcomes = new CopyOnWriteArrayList<>();
        Provider<String> forTimeout = scope -> {
            scope.onExit(failure -> {
                outcomes.add("timeout: " + failure.getClass().getSimpleName());
                timedOutCleanup.countDown();
            });
            return "x";
        };
        Provider<String> forDisconnect = scope -> {
            scope.onExit(failure -> {
                outcomes.add("disconnect: " + failure.getClass().getSimpleName());
                abandonedCleanup.countDown();
            });
            return "y";
        };
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/slow", worker(req -> {
            Dependencies.resolve(req, forTimeout);
            Thread.sleep(300);
            return "late";
        })).timeout(java.time.Duration.ofMillis(50));
        app.get("/forever", loop(req -> {
            Dependencies.resolve(req, forDisconnect); // trivial provider: fine on the loop
            handlerEntered.countDown();
            return new java.util.concurrent.CompletableFuture<String>(); // never completes
        }));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/slow").assertStatus(504).assertJson("detail", "Request time limit exceeded");
            assertThat(timedOutCleanup.await(10, TimeUnit.SECONDS)).isTrue();
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", app.port())) {
                s.getOutputStream().write("GET /forever HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertThat(handlerEntered.await(10, TimeUnit.SECONDS)).isTrue();
            } // closing the socket aborts the request
            assertThat(abandonedCleanup.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(outcomes).containsExactly("timeout: TimeoutException", "disconnect: CancellationException");
    }

    @Test
    void exitCleanupLearnsTheOutcome() throws Exception {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        Provider<String> tx = scope -> {
            scope.onExit(failure -> {
                outcomes.add(scope.request().path() + " " + (failure == null ? "commit" : "rollback " + failure.getClass().getSimpleName()));
                three.countDown();
            });
            return "tx";
        };
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.get("/ok", worker(req -> Dependencies.resolve(req, tx)));
        app.get("/missing", worker(req -> {
            Dependencies.resolve(req, tx);
            throw new HttpException(404, "Item not found");
        }));
        app.get("/broken", loop(req -> Dependencies.resolveAsync(req, tx).thenApply(v -> {
            throw new IllegalStateException("broken");
        })));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            client.get("/ok").assertStatus(200).assertJson("", "tx");
            client.get("/missing").assertStatus(404);
            client.get("/broken").assertStatus(500);
            assertThat(three.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(outcomes).containsExactlyInAnyOrder("/ok commit", "/missing rollback HttpException",
                "/broken rollback IllegalStateException");
    }
}
