package dev.brisk.lab.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The server commands' usual command lines read without picocli. picocli builds a command's model by
 * reflection over its annotated fields and mixins: measured on {@code ./brisk seed} some 350 classes and
 * a quarter of the main thread's CPU before the app is built, on the start-up's critical path; and its
 * class files are too old for JDK 25's AOT cache, which skips them. Here each option is a line of a
 * table that fills the very fields picocli would ({@link SeedCommand}, {@link ServeCommand},
 * {@link UpstreamCommand}, {@link ServerOptions}, {@link DeployOptions}), so the command then runs the
 * same code either way.
 *
 * <p>Only the plain cases: {@code --name value}, {@code --name=value}, bare flags, the same options from
 * {@code BRISK_*} variables ({@link EnvDefaults}'s rule). Anything else — help, version, an unknown or
 * repeated option, a value that does not parse, a value that starts with '-', {@code --}, TLS, proxy
 * headers, {@code --reload}, an env file — returns {@code null} and picocli reads the line as before,
 * with its own messages. QuickArgsTest holds this table to picocli's model: every option of these
 * commands is either here or in {@link #PICOCLI_ONLY}, and both readers fill the same values.
 */
public final class QuickArgs {
    /** Options (and so variables) that send the line to picocli. */
    static final List<String> PICOCLI_ONLY = List.of("--proxy-headers", "--ssl-keyfile", "--ssl-certfile",
            "--ssl-keyfile-password", "--ssl-ca-certs", "--ssl-cert-reqs", "--reload", "--env-file", "--help", "--version");

    private static final String[] SERVER = {"--host", "--loops", "--worker", "--no-access-log", "--block-threshold",
        "--limit-concurrency", "--time-limit", "--forwarded-allow-ips", "--root-path", "--drain-delay"};
    private static final String[] SEED = {"--port", "--block-seconds", "--block-on", "--sleep-seconds", "--upstream",
        "--cors-origin", "--static-dir"};
    private static final String[] SERVE = {"--port", "--app-dir"};
    private static final String[] UPSTREAM = {"--port"};

    private QuickArgs() {}

    /**
     * The command {@code args} name, its fields filled from {@code args} and {@code env} as picocli would,
     * or null when picocli must read this line.
     */
    public static Callable<Integer> parse(Map<String, String> env, String... args) {
        if (args.length == 0) return null;
        for (String only : PICOCLI_ONLY) {
            if (env.containsKey(EnvDefaults.variable(only))) return null;
        }
        ServerOptions server = new ServerOptions();
        server.deploy = new DeployOptions();
        server.deploy.proxyHeaders = true;   // the default of --proxy-headers, an option picocli alone reads
        Object command;
        switch (args[0]) {
            case "seed" -> { SeedCommand c = new SeedCommand(); c.server = server; command = c; }
            case "serve" -> { ServeCommand c = new ServeCommand(); c.server = server; command = c; }
            case "upstream" -> { UpstreamCommand c = new UpstreamCommand(); c.server = server; command = c; }
            default -> { return null; }
        }
        String[] own = command instanceof SeedCommand ? SEED : command instanceof ServeCommand ? SERVE : UPSTREAM;
        // the built-in defaults, then the environment, then the command line (EnvDefaults' order)
        for (String[] names : new String[][] {SERVER, own}) {
            for (String name : names) {
                String v = env.get(EnvDefaults.variable(name));
                if (v == null) v = defaultValue(command, name);
                if (v != null && !set(command, server, name, v)) return null;
            }
        }
        Set<String> seen = new HashSet<>();
        String positional = null;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) {
                if (!(command instanceof ServeCommand) || positional != null) return null;
                positional = a;
                continue;
            }
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (!known(name, own) || !seen.add(name)) return null;
            String value;
            if (name.equals("--no-access-log")) {
                if (eq >= 0) return null;
                value = "true";
            } else if (eq >= 0) {
                value = a.substring(eq + 1);
            } else {
                if (++i >= args.length) return null;
                value = args[i];
            }
            if (value.isEmpty() || value.startsWith("-") || !set(command, server, name, value)) return null;
        }
        if (command instanceof ServeCommand c) {
            if (positional == null) return null;
            c.target = positional;
        }
        return (Callable<Integer>) command;
    }

    /** The options read here for {@code command} (seed, serve, upstream): QuickArgsTest checks them against picocli's. */
    static List<String> options(String command) {
        List<String> all = new java.util.ArrayList<>(List.of(SERVER));
        all.addAll(List.of(command.equals("seed") ? SEED : command.equals("serve") ? SERVE : UPSTREAM));
        return all;
    }

    private static boolean known(String name, String[] own) {
        for (String n : SERVER) if (n.equals(name)) return true;
        for (String n : own) if (n.equals(name)) return true;
        return false;
    }

    /** picocli's defaultValue of each option (the annotations); null where it has none. */
    private static String defaultValue(Object command, String name) {
        return switch (name) {
            case "--host", "--forwarded-allow-ips" -> "127.0.0.1";
            case "--worker" -> "virtual";
            case "--block-threshold" -> "100";
            case "--limit-concurrency" -> "10000";
            case "--time-limit", "--drain-delay" -> "0";
            case "--root-path" -> "";
            case "--port" -> command instanceof UpstreamCommand ? "8090" : "8000";
            case "--block-seconds" -> "20";
            case "--block-on" -> "5";
            case "--sleep-seconds" -> "3";
            case "--upstream" -> "http://127.0.0.1:8090";
            default -> null;
        };
    }

    /**
     * Sets one option as picocli's converters would; false (picocli's turn) for any value that is not a
     * plain decimal number where a number is wanted, or not true/false for the flag.
     */
    private static boolean set(Object command, ServerOptions server, String name, String v) {
        switch (name) {
            case "--host" -> server.host = v;
            case "--loops" -> { if (!digits(v)) return false; server.loops = Integer.valueOf(v); }
            case "--worker" -> server.worker = v;
            case "--no-access-log" -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) return false;
                server.noAccessLog = Boolean.parseBoolean(v);
            }
            case "--block-threshold" -> { if (!digits(v) || v.length() > 18) return false; server.blockThresholdMs = Long.parseLong(v); }
            case "--limit-concurrency" -> { if (!digits(v)) return false; server.inFlightLimit = Integer.parseInt(v); }
            case "--time-limit" -> { if (!decimal(v)) return false; server.timeLimitSeconds = Double.parseDouble(v); }
            case "--forwarded-allow-ips" -> server.deploy.forwardedAllowIps = v;
            case "--root-path" -> server.deploy.rootPath = v;
            case "--drain-delay" -> { if (!decimal(v)) return false; server.deploy.drainDelaySeconds = Double.parseDouble(v); }
            default -> { return setOwn(command, name, v); }
        }
        return true;
    }

    private static boolean setOwn(Object command, String name, String v) {
        if (name.equals("--port")) {
            if (!digits(v)) return false;
            int port = Integer.parseInt(v);
            if (command instanceof SeedCommand c) c.port = port;
            else if (command instanceof ServeCommand c) c.port = port;
            else ((UpstreamCommand) command).port = port;
            return true;
        }
        if (command instanceof ServeCommand c) {
            if (!name.equals("--app-dir") || v.isEmpty()) return false;
            c.appDir = Path.of(v);
            return true;
        }
        SeedCommand c = (SeedCommand) command;
        switch (name) {
            case "--block-seconds" -> { if (!decimal(v)) return false; c.blockSeconds = Double.parseDouble(v); }
            case "--block-on" -> { if (!digits(v)) return false; c.blockOn = Integer.parseInt(v); }
            case "--sleep-seconds" -> { if (!decimal(v)) return false; c.sleepSeconds = Double.parseDouble(v); }
            case "--upstream" -> c.upstream = v;
            case "--cors-origin" -> c.corsOrigin = v;
            case "--static-dir" -> { if (v.isEmpty()) return false; c.staticDir = Path.of(v); }
            default -> { return false; }
        }
        return true;
    }

    /** 1 to 9 decimal digits: what Integer.valueOf and picocli agree on, whatever picocli does with the rest. */
    private static boolean digits(String v) {
        if (v.isEmpty() || v.length() > 9) return false;
        for (int i = 0; i < v.length(); i++) if (v.charAt(i) < '0' || v.charAt(i) > '9') return false;
        return true;
    }

    /** digits, optionally with a fraction: {@code 0.01}, {@code 20}. */
    private static boolean decimal(String v) {
        int dot = v.indexOf('.');
        return dot < 0 ? digits(v) : digits(v.substring(0, dot)) && digits(v.substring(dot + 1));
    }
}
