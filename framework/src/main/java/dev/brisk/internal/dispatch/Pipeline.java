package dev.brisk.internal.dispatch;

import dev.brisk.ExceptionHandler;
import dev.brisk.State;
import dev.brisk.middleware.Middleware;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the app adds around its routes: middleware (in the order added), exception handlers by type,
 * the application state, its dependency registry and its JSON codec. Internal API: built by {@link dev.brisk.Brisk} at start.
 */
public record Pipeline(List<Middleware> middleware, Map<Class<? extends Throwable>, ExceptionHandler<?>> handlers,
                       State state, dev.brisk.deps.Registry registry, dev.brisk.BriskConfig config) {
    public Pipeline {
        middleware = List.copyOf(middleware);
        handlers = new LinkedHashMap<>(handlers);
    }

    /** No middleware, the default handlers, an empty state. */
    public static Pipeline empty() {
        return new Pipeline(List.of(), Map.of(), new State(),
                new dev.brisk.deps.Registry(dev.brisk.params.DeclaredProviders.binding()), new dev.brisk.BriskConfig());
    }

    /** The app's codec, for reading bodies and writing results alike. */
    public dev.brisk.json.Json json() {
        return config.json();
    }
}
