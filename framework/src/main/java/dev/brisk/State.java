package dev.brisk;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Application state shared by every request, like FastAPI's {@code app.state} and lifespan state.
 * Thread-safe. Filled at start-up (a {@link Lifespan} or any code before {@link Brisk#start()}) and read
 * by handlers through {@link Request#appState()}.
 *
 * <pre>{@code
 * app.lifespan(app -> Map.of("model", loadModel()));          // start-up returns state
 * app.get("/predict", worker(req -> req.appState().get("model", Model.class).predict(req.queryParam("x"))));
 * }</pre>
 */
public final class State {
    private final Map<String, Object> values = new ConcurrentHashMap<>();

    /** Stores {@code value} under {@code key} (replacing any previous value); returns this state. */
    public State put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** The value under {@code key}, or {@code null}. */
    @SuppressWarnings("unchecked")
    public <T> T get(String key) {
        return (T) values.get(key);
    }

    /** The value under {@code key} as {@code type}; throws {@link NoSuchElementException} if absent. */
    public <T> T get(String key, Class<T> type) {
        Object v = values.get(key);
        if (v == null) throw new NoSuchElementException("no application state named '" + key + "'");
        return type.cast(v);
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Object remove(String key) {
        return values.remove(key);
    }

    /** A snapshot of every entry. */
    public Map<String, Object> asMap() {
        return Map.copyOf(values);
    }
}
