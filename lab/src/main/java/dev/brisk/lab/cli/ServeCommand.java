package dev.brisk.lab.cli;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./brisk serve}: uvicorn for Brisk apps. {@code uvicorn main:app} names a module and an attribute;
 * {@code ./brisk serve com.example.Main:app} names a class and a static factory that takes the server
 * options as a {@link BriskConfig} and returns the (not yet started) app:
 *
 * <pre>{@code
 * public final class Main {
 *     public static Brisk app(BriskConfig config) {
 *         Brisk app = Brisk.create(config);
 *         app.get("/", Handler.worker(req -> Map.of("hello", "world")));
 *         return app;
 *     }
 * }
 * // ./brisk serve com.example.Main --port 8000 --loops 1 --worker pool:40
 * }</pre>
 *
 * Without {@code :method}, {@code app(BriskConfig)} is used, else {@code create(BriskConfig)}. The class
 * must be on the classpath ({@code JAVA_OPTS="-cp ..."} or built into the launcher's jar).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run an application class, like uvicorn: CLASS[:METHOD] names a public static method taking a "
                + "BriskConfig and returning a Brisk app (default METHOD: app, then create).")
public final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLASS[:METHOD]", description = "e.g. dev.brisk.examples.upstream.UpstreamApp")
    String target;

    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Override
    public Integer call() throws Exception {
        return ServerRunner.runUntilSignal(load(target, server.toConfig(port)));
    }

    /**
     * Finds the factory named by {@code CLASS[:METHOD]} and builds the app with {@code config}.
     *
     * @throws IllegalArgumentException with a one-line message if the class or factory is missing or fails
     */
    public static Brisk load(String spec, BriskConfig config) {
        int colon = spec.indexOf(':');
        String className = colon < 0 ? spec : spec.substring(0, colon);
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("no class " + className + " on the classpath");
        }
        Method factory = colon < 0 ? find(type, "app", "create") : find(type, spec.substring(colon + 1));
        try {
            Object app = factory.invoke(null, config);
            if (app == null) throw new IllegalArgumentException(className + "." + factory.getName() + " returned null");
            return (Brisk) app;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw new IllegalArgumentException(className + "." + factory.getName() + " failed: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException(className + "." + factory.getName() + " is not accessible: make it public");
        }
    }

    private static Method find(Class<?> type, String... names) {
        for (String name : names) {
            try {
                Method m = type.getMethod(name, BriskConfig.class);
                if (Modifier.isStatic(m.getModifiers()) && Brisk.class.isAssignableFrom(m.getReturnType())) return m;
            } catch (NoSuchMethodException e) {
                // try the next name
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no public static Brisk " + String.join("(BriskConfig) or ", names)
                + "(BriskConfig) method");
    }
}
