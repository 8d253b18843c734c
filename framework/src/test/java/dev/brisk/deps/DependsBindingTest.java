package dev.brisk.deps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.Lane;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Query;
import dev.brisk.annotation.RunOn;
import dev.brisk.testing.BriskTestClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code @Depends} on controller parameters, in both lanes, with per-request caching and cleanup. */
class DependsBindingTest {
    static final List<String> events = new CopyOnWriteArrayList<>();

    /** A provider that blocks (like opening a DB session) and registers cleanup. */
    public static final class Session implements Provider<String> {
        @Override
        public String provide(Scope scope) throws Exception {
            String thread = Thread.currentThread().getName();
            Thread.sleep(5);
            scope.onClose(() -> events.add("closed"));
            return "session@" + thread;
        }
    }

    public static final class User implements Provider<String> {
        @Override
        public String provide(Scope scope) {
            String token = scope.request().header("x-token");
            if (token == null) throw new HttpException(401, "Not authenticated");
            return "user-" + token;
        }
    }

    public static final class Controller {
        @Get("/worker")
        public Map<String, Object> worker(@Depends(Session.class) String a, @Depends(Session.class) String b,
                                          @Depends(User.class) String user, @Query(defaultValue = "1") int n) {
            return body(a, b, user, n);
        }

        @Get("/loop")
        @RunOn(Lane.LOOP)
        public Map<String, Object> loop(@Depends(Session.class) String a, @Depends(User.class) String user) {
            return body(a, a, user, 0);
        }
    }

    static Map<String, Object> body(String a, String b, String user, int n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("same", a.equals(b));
        m.put("session", a);
        m.put("user", user);
        m.put("handler_thread", Thread.currentThread().getName());
        m.put("n", n);
        return m;
    }

    @Test
    void workerRouteGetsCachedDependenciesAndCleanupRunsAfterTheResponse() throws Exception {
        events.clear();
        Brisk app = Brisk.create(new BriskConfig().port(0).loops(1)).include(new Controller());
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var r = client.get("/worker").header("x-token", "t1").send().assertStatus(200)
                    .assertJson("same", true).assertJson("user", "user-t1");
            assertThat((String) r.json("handler_thread")).startsWith("brisk-vworker-");
            for (int i = 0; i < 100 && events.isEmpty(); i++) TimeUnit.MILLISECONDS.sleep(10);
            assertThat(events).containsExactly("closed");
            client.get("/worker").send().assertStatus(401).assertJson("detail", "Not authenticated");
        }
    }

    @Test
    void loopRouteResolvesBlockingProvidersOffTheLoopThenRunsOnTheLoop() {
        Brisk app = Brisk.create(new BriskConfig().port(0).loops(1).strictWatchdog(true)).include(new Controller());
        try (BriskTestClient client = BriskTestClient.start(app)) {
            var r = client.get("/loop").header("x-token", "t2").send().assertStatus(200).assertJson("user", "user-t2");
            assertThat((String) r.json("handler_thread")).isEqualTo("brisk-loop-1");
            assertThat((String) r.json("session")).doesNotContain("brisk-loop");
            client.get("/loop").send().assertStatus(401);
        }
        assertThat(app.routes()).extracting(route -> route.lane()).containsOnly(Lane.WORKER, Lane.LOOP);
    }
}
