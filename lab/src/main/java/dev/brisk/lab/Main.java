package dev.brisk.lab;

import dev.brisk.lab.cli.EnvDefaults;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./brisk}: the command line. {@code seed} and {@code upstream} run the seed experiments'
 * servers; {@code serve} runs any app class, like uvicorn; {@code lab} runs the experiments;
 * {@code load} is the load client.
 */
@Command(name = "brisk", mixinStandardHelpOptions = true, version = "brisk 0.1.0",
        description = "FastAPI's execution model on Netty: run apps, the seed lab and load tests.")
public final class Main {

    public static void main(String[] args) {
        // the server commands start an app: its one-time work (JSON mapper, Netty) runs beside picocli's
        if (args.length > 0 && (args[0].equals("seed") || args[0].equals("serve") || args[0].equals("upstream"))) {
            dev.brisk.Brisk.prepareInBackground();
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    /** {@link #run(String...)} with {@code env} as the environment its BRISK_* options are read from. */
    public static int run(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new Main());
        Commands.register(cli, args);   // only the one asked for (start-up: see Commands)
        try {
            cli.setDefaultValueProvider(EnvDefaults.from(env, args));   // after the subcommands: it applies to them
        } catch (IllegalArgumentException e) {
            cli.getErr().println("brisk: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("brisk " + cmd.getCommandName() + ": " + message(ex));
            return 1;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("brisk: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cli.execute(args);
    }

    private static String message(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof RuntimeException && t.getCause() != t)) {
            if (t.getMessage() != null) break;
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
