package dev.brisk.internal.app;

/**
 * Implemented by the requests an app creates, so that binders and dependency resolution reach the
 * app's own services (its {@code Json}, its dependency registry) instead of JVM-wide ones: two apps in
 * one JVM never share them. A request not made by an app (a test double) falls back to defaults.
 * Internal API; this package depends on nothing so that every layer may use it without a cycle.
 */
public interface AppAware {
    /** The app's service of {@code type}, or {@code null} if it has none. */
    <T> T service(Class<T> type);

    /** {@code req}'s app service of {@code type}, or {@code fallback} for a request no app made. */
    static <T> T service(Object req, Class<T> type, T fallback) {
        if (req instanceof AppAware a) {
            T s = a.service(type);
            if (s != null) return s;
        }
        return fallback;
    }
}
