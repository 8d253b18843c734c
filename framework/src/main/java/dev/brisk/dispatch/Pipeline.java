package dev.brisk.dispatch;

import dev.brisk.ExceptionHandler;
import dev.brisk.State;
import dev.brisk.middleware.Middleware;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the app adds around its routes: middleware (in the order added), exception handlers by type,
 * and the application state. Internal API: built by {@link dev.brisk.Brisk} at start.
 */
public record Pipeline(List<Middleware> middleware, Map<Class<? extends Throwable>, ExceptionHandler<?>> handlers,
                       State state) {
    public Pipeline {
        middleware = List.copyOf(middleware);
        handlers = new LinkedHashMap<>(handlers);
    }

    /** No middleware, the default handlers, an empty state. */
    public static Pipeline empty() {
        return new Pipeline(List.of(), Map.of(), new State());
    }
}
