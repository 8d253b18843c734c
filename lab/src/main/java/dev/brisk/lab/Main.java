package dev.brisk.lab;

import dev.brisk.lab.cli.QuickArgs;
import java.util.Map;
import java.util.concurrent.Callable;
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
        // the server commands start an app: its one-time work (JSON mapper, Netty,
        // logging) runs beside the command line's reading and the app's building
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
        // seed, serve and upstream with plain options: read without picocli (start-up: see QuickArgs)
        Callable<Integer> quick = QuickArgs.parse(env, args);
        if (quick != null) {
            try {
                return quick.call();
            } catch (Exception ex) {   // as picocli's execution exception handler in Commands
                System.err.println("brisk " + args[0] + ": " + message(ex));
                return 1;
            }
        }
        return Commands.execute(env, args);
    }

    /** The line printed after the command's name when it fails (here and by picocli's handler in Commands). */
    static String message(Throwable ex) {
        Throwable t = ex;
        while (t.getCause() != null && (t.getMessage() == null || t instanceof RuntimeException && t.getCause() != t)) {
            if (t.getMessage() != null) break;
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
