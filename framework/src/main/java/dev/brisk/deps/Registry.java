package dev.brisk.deps;

import dev.brisk.Request;
import dev.brisk.internal.app.AppAware;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One app's dependencies: the objects it registered ({@code app.dependency(Type.class, instance)}), the
 * provider instances it made, and its overrides. Nothing here is JVM-wide, so two apps in one JVM, or
 * two tests with different overrides, never see each other's. Internal API: apps use
 * {@code Brisk.dependency} and {@code Brisk.dependencyOverrides}.
 */
public final class Registry {
    /** For requests no app made (test doubles): constructs providers, knows no overrides. */
    static final Registry DEFAULT = new Registry(null);

    /**
     * Turns an object with a declared {@code provide(...)} method into a provider whose arguments are
     * bound from the request like a route's; supplied by the parameter layer so this package does not
     * depend on it.
     */
    @FunctionalInterface
    public interface Binding {
        Provider<?> bind(Object target, Method provide);
    }

    private final Binding binding;
    private final DependencyOverrides overrides = new DependencyOverrides();
    private final Map<Class<?>, Object> objects = new ConcurrentHashMap<>();
    // Adapted providers by object identity, so a declared provider is one cache key for every dependant.
    private final Map<Object, Provider<?>> adapted = new java.util.concurrent.ConcurrentHashMap<>();

    public Registry(Binding binding) {
        this.binding = binding;
    }

    /** The registry of the app that made {@code req}. */
    public static Registry of(Request req) {
        return AppAware.service(req, Registry.class, DEFAULT);
    }

    public DependencyOverrides overrides() {
        return overrides;
    }

    /** Registers the object used for {@code type}: a provider, a declared provider, or a plain value. */
    public <T> void register(Class<T> type, Object object) {
        objects.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(object, "object"));
    }

    /**
     * The object registered for {@code type}, else one made with its no-arg constructor, ignoring
     * overrides (the OpenAPI document describes the app, not a test's replacements); {@code null} when
     * there is none and none can be made.
     */
    public Object registered(Class<?> type) {
        try {
            return objects.computeIfAbsent(type, Registry::construct);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The provider in effect for {@code original}: its override, else itself. */
    @SuppressWarnings("unchecked")
    <T> Provider<T> effective(Provider<T> original) {
        Object o = overrides.get(original);
        return o == null ? original : (Provider<T>) adapt(o);
    }

    /** The provider in effect for a {@link Depends} class: override, registered object, or a made instance. */
    Provider<?> forClass(Class<?> type) {
        Object o = overrides.get(type);
        if (o == null) o = objects.computeIfAbsent(type, Registry::construct);
        return adapt(o);
    }

    private Provider<?> adapt(Object o) {
        if (o instanceof Provider<?> p) return p;
        return adapted.computeIfAbsent(o, x -> {
            Method provide = declaredProvide(x.getClass());
            if (provide == null) return scope -> x;   // a plain app-scoped object: the value itself
            if (binding == null) {
                throw new IllegalStateException(x.getClass().getName() + " declares its inputs; resolve it in a request of a Brisk app");
            }
            return binding.bind(x, provide);
        });
    }

    /** The single public {@code provide} method of a class that does not implement {@link Provider}, or null. */
    public static Method declaredProvide(Class<?> type) {
        if (Provider.class.isAssignableFrom(type)) return null;
        Method found = null;
        for (Method m : type.getMethods()) {
            if (!m.getName().equals("provide") || Modifier.isStatic(m.getModifiers())) continue;
            if (found != null) throw new IllegalArgumentException(type.getName() + " has more than one provide method");
            found = m;
        }
        return found;
    }

    private static Object construct(Class<?> type) {
        try {
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            return c.newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(type.getName() + " needs a no-arg constructor to be used with @Depends,"
                    + " or an instance registered with app.dependency(" + type.getSimpleName() + ".class, ...)", e);
        }
    }
}
