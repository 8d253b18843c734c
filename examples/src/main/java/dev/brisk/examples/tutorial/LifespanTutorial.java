package dev.brisk.examples.tutorial;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Lifespan;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleUnaryOperator;

/** FastAPI's "Lifespan Events" page: load a (fake) ML model at start-up, release it at shutdown. */
public final class LifespanTutorial {
    /** Start-up/shutdown events, for the tutorial's test. */
    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    private LifespanTutorial() {}

    // docs:begin lifespan
    public static Brisk create(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.lifespan(new Lifespan() {
            @Override
            public Map<String, ?> startup(Brisk a) {
                EVENTS.add("model loaded");
                DoubleUnaryOperator answer = x -> x * 42;
                return Map.of("answer_to_everything", answer);
            }

            @Override
            public void shutdown(Brisk a) {
                a.state().remove("answer_to_everything");
                EVENTS.add("model released");
            }
        });
        app.get("/predict", worker(req -> {
            DoubleUnaryOperator model = req.appState().get("answer_to_everything", DoubleUnaryOperator.class);
            return Map.of("result", model.applyAsDouble(Double.parseDouble(req.queryParam("x"))));
        }));
        return app;
    }
    // docs:end

    public static void main(String[] args) {
        create(new BriskConfig().port(8000)).start();
    }
}
