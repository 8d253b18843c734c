package dev.brisk.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** ./brisk builds only the subcommand it runs (start-up), and still lists every one in its help. */
class CommandsTest {

    @Test
    void onlyTheCommandAskedForIsCreated() {
        CommandLine cli = new CommandLine(new Main());
        Commands.register(cli, "seed", "--port", "0");
        assertThat(cli.getSubcommands().keySet()).containsExactly("seed");
    }

    @Test
    void versionAloneCreatesNoCommandAndStillPrintsTheVersion() {
        CommandLine cli = new CommandLine(new Main());
        Commands.register(cli, "--version");
        assertThat(cli.getSubcommands()).isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            assertThat(Main.run("--version")).isZero();
        } finally {
            System.setOut(saved);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("brisk 0.1.0" + System.lineSeparator());
    }

    @Test
    void helpAndUnknownNamesGetEveryCommand() {
        for (String[] args : new String[][] {{}, {"--help"}, {"sed"}}) {
            CommandLine cli = new CommandLine(new Main());
            Commands.register(cli, args);
            assertThat(cli.getSubcommands().keySet()).containsExactly("seed", "upstream", "serve", "new", "lab", "load");
        }
    }

    @Test
    void theHelpListsEveryCommandAndAMisspeltOneIsExitTwo() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            assertThat(Main.run("--help")).isZero();
            assertThat(Main.run("sed")).isEqualTo(2);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("seed", "upstream", "serve", "new", "lab", "load");
        assertThat(text).contains("Unmatched argument at index 0: 'sed'");
    }
}
