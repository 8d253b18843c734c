package dev.brisk.lab.cli;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
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
 * comes from {@code --app-dir} (a Maven project, a classes directory or a jar: {@link AppClasspath}),
 * loaded by a child class loader of the launcher's, so Brisk and its dependencies are the launcher's own
 * and the app's classes and libraries are the project's; {@code --reload} makes a fresh loader per
 * restart ({@link Reloader} says why that and not a child JVM). Every option can also be given as an
 * environment variable {@code BRISK_<OPTION>} ({@link EnvDefaults}), and {@code --env-file} adds a
 * {@code .env} file both to those and to the app's {@link dev.brisk.Settings}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run an application class, like uvicorn: CLASS[:METHOD] names a public static method taking a "
                + "BriskConfig and returning a Brisk app (default METHOD: app, then create).",
        footer = {"", "Every --option can also be set in the environment as BRISK_<OPTION> (e.g. BRISK_PORT=8001, "
                + "BRISK_APP_DIR=.), or in the --env-file; the command line wins."})
public final class ServeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CLASS[:METHOD]", description = "e.g. dev.brisk.examples.upstream.UpstreamApp")
    String target;

    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--app-dir", paramLabel = "PATH",
            description = "Where the app's classes are: a Maven project directory (target/classes + its dependencies), "
                    + "a classes directory, or a jar. Default: only the launcher's own classes.")
    Path appDir;

    @Option(names = "--reload", description = "Watch the sources (or classes), rebuild and restart on a change, keeping the port.")
    boolean reload;

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "A .env file: its BRISK_* variables set options, and the app's Settings read it.")
    Path envFile;

    @Override
    public Integer call() throws Exception {
        if (reload) {
            if (appDir == null) throw new IllegalArgumentException("--reload needs --app-dir (the project to watch)");
            AppClasspath app = AppClasspath.resolve(appDir, true);
            Reloader reloader = new Reloader(app, target, port, server::toConfig);
            reloader.start();
            return ServerRunner.runUntilSignal(reloader::close);
        }
        AppClasspath app = appDir == null ? AppClasspath.none() : AppClasspath.resolve(appDir, false);
        ClassLoader loader = app.classpath().isEmpty() ? ServeCommand.class.getClassLoader() : loader(app);
        Thread.currentThread().setContextClassLoader(loader);      // Jackson, validators, ServiceLoader
        return ServerRunner.runUntilSignal(load(target, server.toConfig(port), loader));
    }

    static ClassLoader loader(AppClasspath app) {
        java.util.List<java.net.URL> urls = new java.util.ArrayList<>();
        for (Path p : app.classpath()) {
            try {
                urls.add(p.toUri().toURL());
            } catch (java.net.MalformedURLException e) {
                throw new IllegalArgumentException("bad classpath entry " + p);
            }
        }
        return new java.net.URLClassLoader("brisk-app", urls.toArray(java.net.URL[]::new), ServeCommand.class.getClassLoader());
    }

    /** {@link #load(String, BriskConfig, ClassLoader)} from the launcher's own classpath. */
    public static Brisk load(String spec, BriskConfig config) {
        return load(spec, config, ServeCommand.class.getClassLoader());
    }

    /**
     * Finds the factory named by {@code CLASS[:METHOD]} and builds the app with {@code config}.
     *
     * @throws IllegalArgumentException with a one-line message if the class or factory is missing or fails
     */
    public static Brisk load(String spec, BriskConfig config, ClassLoader loader) {
        int colon = spec.indexOf(':');
        String className = colon < 0 ? spec : spec.substring(0, colon);
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("no class " + className + " on the classpath"
                    + (loader == ServeCommand.class.getClassLoader() ? " (is --app-dir missing?)" : ""));
        } catch (LinkageError e) {
            throw new IllegalArgumentException("cannot load " + className + ": " + e);
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
