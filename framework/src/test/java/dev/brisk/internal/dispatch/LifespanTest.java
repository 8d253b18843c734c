package dev.brisk.internal.dispatch;

import static dev.brisk.Handler.loopSafe;
import static dev.brisk.Handler.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Lifespan;
import dev.brisk.testing.BriskTestClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LifespanTest {

    record Model(String name) {}

    static Lifespan named(String name, List<String> events, Map<String, ?> state) {
        return new Lifespan() {
            @Override
            public Map<String, ?> startup(Brisk app) {
                events.add("start " + name);
                return state;
            }

            @Override
            public void shutdown(Brisk app) {
                events.add("stop " + name);
            }
        };
    }

    @Test
    void startupStateReachesHandlersAndShutdownRunsInReverse() {
        List<String> events = new CopyOnWriteArrayList<>();
        Brisk app = Brisk.create(new BriskConfig().loops(1));
        app.lifespan(named("models", events, Map.of("model", new Model("answer-to-everything"))));
        app.lifespan(named("db", events, null));
        app.onStartup(() -> events.add("on_startup"));
        app.onShutdown(() -> events.add("on_shutdown"));
        app.state().put("greeting", "hello");
        app.get("/predict", worker(req -> Map.of("model", req.appState().get("model", Model.class).name(),
                "greeting", req.appState().get("greeting"))));
        app.get("/loop", loopSafe(req -> Map.of("model", req.appState().get("model", Model.class).name())));
        try (BriskTestClient client = BriskTestClient.start(app)) {
            assertThat(events).containsExactly("start models", "start db", "on_startup");
            client.get("/predict").assertStatus(200).assertJson("model", "answer-to-everything").assertJson("greeting", "hello");
            client.get("/loop").assertStatus(200).assertJson("model", "answer-to-everything");
        }
        assertThat(events).containsExactly("start models", "start db", "on_startup", "on_shutdown", "stop db", "stop models");
    }

    @Test
    void failedStartupShutsDownWhatStartedAndFailsStart() {
        List<String> events = new CopyOnWriteArrayList<>();
        Brisk app = Brisk.create(new BriskConfig().loops(1).port(0));
        app.lifespan(named("first", events, Map.of()));
        app.lifespan(a -> { throw new IllegalStateException("cannot reach the database"); });
        app.get("/", worker(req -> "x"));
        assertThatThrownBy(app::start).hasMessageContaining("cannot reach the database");
        assertThat(events).containsExactly("start first", "stop first");
        assertThat(app.isRunning()).isFalse();
    }
}
