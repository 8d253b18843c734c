package dev.brisk.lab;

import picocli.CommandLine;

/**
 * Registers the subcommands built in their own packages (lab, load, serve) if present, so each can be
 * developed and tested on its own.
 */
final class Commands {
    private static final String[] OPTIONAL = {
        "dev.brisk.lab.cli.ServeCommand",
        "dev.brisk.lab.cli.NewCommand",
        "dev.brisk.lab.experiments.LabCommand",
        "dev.brisk.lab.load.LoadCommand",
    };

    private Commands() {}

    static void registerOptional(CommandLine cli) {
        for (String name : OPTIONAL) {
            try {
                Object cmd = Class.forName(name).getDeclaredConstructor().newInstance();
                cli.addSubcommand(cmd);
            } catch (ClassNotFoundException absent) {
                // not built yet
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create " + name, e);
            }
        }
    }
}
