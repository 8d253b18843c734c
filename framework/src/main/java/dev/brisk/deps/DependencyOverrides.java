package dev.brisk.deps;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Replacements for dependencies, per app — FastAPI's {@code app.dependency_overrides}, which nearly
 * every FastAPI test suite uses. An override applies wherever the original is used: in routes, in
 * router-level dependencies and inside other dependencies.
 *
 * <pre>{@code
 * Brisk app = MyApp.create(config);
 * app.dependencyOverrides()
 *    .put(CurrentUser.class, scope -> new User("test-user"))   // a @Depends class → a lambda
 *    .put(MyApp.DB, scope -> inMemoryDb);                        // a Provider constant → another
 * try (BriskTestClient client = BriskTestClient.of(app)) { ... }
 * }</pre>
 *
 * <p>A replacement is a {@link Provider}, an object with a declared {@code provide} method, or a plain
 * value. Overrides may change at any time; a request sees the ones in place when it resolves.
 */
public final class DependencyOverrides {
    private final Map<Object, Object> replacements = new ConcurrentHashMap<>();

    /** Replaces the {@link Depends} class {@code original} (or an object registered under it). */
    public DependencyOverrides put(Class<?> original, Object replacement) {
        replacements.put(Objects.requireNonNull(original, "original"), Objects.requireNonNull(replacement, "replacement"));
        return this;
    }

    /** Replaces the provider {@code original} (by identity). */
    public <T> DependencyOverrides put(Provider<T> original, Provider<? extends T> replacement) {
        replacements.put(Objects.requireNonNull(original, "original"), Objects.requireNonNull(replacement, "replacement"));
        return this;
    }

    public DependencyOverrides remove(Object original) {
        replacements.remove(original);
        return this;
    }

    public DependencyOverrides clear() {
        replacements.clear();
        return this;
    }

    public boolean isEmpty() {
        return replacements.isEmpty();
    }

    Object get(Object original) {
        return replacements.isEmpty() ? null : replacements.get(original);
    }
}
