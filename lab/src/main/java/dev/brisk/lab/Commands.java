package dev.brisk.lab;

import dev.brisk.lab.cli.EnvDefaults;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The subcommands, each built in its own package and registered by name. Only the one the command
 * line asks for is created: picocli builds a command's model by reflection over its options and
 * mixins, and {@code lab} and {@code load} drag in their experiment and load-client classes, some
 * hundreds of classes that {@code ./brisk seed} or {@code serve} would load before the server starts.
 * Help and an unknown name get every command, so the listing and the "did you mean" message stay
 * whole; a lone {@code --version} gets none.
 */
final class Commands {
    private static final Map<String, String> ALL = new LinkedHashMap<>();

    static {
        ALL.put("seed", "dev.brisk.lab.cli.SeedCommand");
        ALL.put("upstream", "dev.brisk.lab.cli.UpstreamCommand");
        ALL.put("serve", "dev.brisk.lab.cli.ServeCommand");
        ALL.put("new", "dev.brisk.lab.cli.NewCommand");
        ALL.put("lab", "dev.brisk.lab.experiments.LabCommand");
        ALL.put("load", "dev.brisk.lab.load.LoadCommand");
    }

    private Commands() {}

    /** Reads {@code args} with picocli and runs the command (here, apart from {@link Main}, so that a line
     *  {@link dev.brisk.lab.cli.QuickArgs} reads never loads picocli, not even to verify Main). */
    static int execute(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new Main());
        register(cli, args);   // only the one asked for
        try {
            cli.setDefaultValueProvider(EnvDefaults.from(env, args));   // after the subcommands: it applies to them
        } catch (IllegalArgumentException e) {
            cli.getErr().println("brisk: " + e.getMessage());
            return 2;
        }
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("brisk " + cmd.getCommandName() + ": " + Main.message(ex));
            return 1;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("brisk: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        return cli.execute(args);
    }

    /** Registers the command named by {@code args[0]}, or all of them when it names none. */
    static void register(CommandLine cli, String... args) {
        String wanted = args.length > 0 ? args[0] : null;
        // --version prints one line and needs no command (the launcher's build check runs it)
        if (args.length == 1 && (wanted.equals("--version") || wanted.equals("-V"))) return;
        if (wanted != null && ALL.containsKey(wanted)) {
            add(cli, ALL.get(wanted));
            return;
        }
        for (String name : ALL.values()) add(cli, name);
    }

    private static void add(CommandLine cli, String className) {
        try {
            cli.addSubcommand(Class.forName(className).getDeclaredConstructor().newInstance());
        } catch (ClassNotFoundException absent) {
            // not built yet
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + className, e);
        }
    }
}
