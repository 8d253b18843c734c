package dev.brisk.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.time.Duration;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * QuickArgs (the server commands' command lines read without picocli) against picocli itself: every
 * option of seed, serve and upstream is read by one or sent to the other, both readers fill the same
 * values for the same line and environment, and every unusual line goes to picocli.
 */
class QuickArgsTest {

    private static Object picocli(Map<String, String> env, String... args) {
        Object command = switch (args[0]) {
            case "seed" -> new SeedCommand();
            case "serve" -> new ServeCommand();
            default -> new UpstreamCommand();
        };
        CommandLine cli = new CommandLine(command);
        cli.setDefaultValueProvider(EnvDefaults.from(env, args));
        cli.parseArgs(Arrays.copyOfRange(args, 1, args.length));
        return command;
    }

    /** Every field of the command and its option mixins, by name ("server.deploy.rootPath" = ...). */
    private static Map<String, Object> values(Object o, String prefix) throws IllegalAccessException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            f.setAccessible(true);
            Object v = f.get(o);
            if (v instanceof ServerOptions || v instanceof DeployOptions) out.putAll(values(v, prefix + f.getName() + "."));
            else out.put(prefix + f.getName(), v);
        }
        return out;
    }

    private static void same(Map<String, String> env, String... args) throws Exception {
        Callable<Integer> quick = QuickArgs.parse(env, args);
        assertThat(quick).as("QuickArgs reads %s with %s", List.of(args), env).isNotNull();
        assertThat(values(quick, "")).as("%s with %s", List.of(args), env).isEqualTo(values(picocli(env, args), ""));
    }

    @Test
    void everyOptionIsReadHereOrSentToPicocli() {
        for (String name : List.of("seed", "serve", "upstream")) {
            Object command = name.equals("serve") ? picocli(Map.of(), name, "x") : picocli(Map.of(), name);
            List<String> names = new ArrayList<>();
            for (OptionSpec o : new CommandLine(command).getCommandSpec().options()) names.add(o.longestName());
            List<String> covered = new ArrayList<>(QuickArgs.options(name));
            covered.addAll(QuickArgs.PICOCLI_ONLY);
            assertThat(covered).as(name).containsAll(names);
            assertThat(names).as(name + ": no option read here that picocli does not know").containsAll(QuickArgs.options(name));
        }
    }

    @Test
    void theSameValuesAsPicocli() throws Exception {
        same(Map.of(), "seed");
        same(Map.of(), "seed", "--port", "0", "--no-access-log", "--loops", "1");
        same(Map.of(), "seed", "--port=8123", "--host=0.0.0.0", "--worker", "pool:40:100", "--block-threshold", "0",
                "--limit-concurrency", "77", "--time-limit", "2.5", "--forwarded-allow-ips", "10.0.0.0/8,127.0.0.1",
                "--root-path", "/api", "--drain-delay", "0.5", "--block-seconds", "1.5", "--block-on", "0",
                "--sleep-seconds", "0.01", "--upstream", "http://127.0.0.1:9", "--cors-origin", "http://a.test",
                "--static-dir", "/tmp");
        same(Map.of(), "serve", "dev.brisk.lab.cli.HelloApp", "--port", "0", "--app-dir", "target/classes");
        same(Map.of(), "serve", "--loops", "2", "dev.brisk.lab.cli.HelloApp:app");
        same(Map.of(), "upstream");
        same(Map.of(), "upstream", "--port", "0", "--no-access-log");
        // the environment under the command line, as EnvDefaults: BRISK_PORT, BRISK_NO_ACCESS_LOG, ...
        Map<String, String> env = Map.of("BRISK_PORT", "9001", "BRISK_NO_ACCESS_LOG", "TRUE", "BRISK_LOOPS", "3",
                "BRISK_ROOT_PATH", "/x", "BRISK_OBSERVE", "none", "BRISK_BLOCK_ON", "0");
        same(env, "seed");
        same(env, "seed", "--port", "9002", "--root-path", "/y");
        same(env, "serve", "dev.brisk.lab.cli.HelloApp");
        same(Map.of("BRISK_NO_ACCESS_LOG", "false"), "upstream");
    }

    /**
     * The quick path as a user meets it, in a fresh JVM (where logging is set up on its own thread while
     * the main thread reads the line and builds the app): BRISK_PORT and the flags reach the server, every
     * start-up line arrives once and in order, SIGTERM stops it cleanly.
     */
    @Test
    void aServerStartedThroughTheQuickPathLogsEveryLineInOrder() throws Exception {
        int port = ChildBrisk.freePort();
        try (ChildBrisk brisk = ChildBrisk.start(Path.of("."), Map.of("BRISK_PORT", String.valueOf(port)),
                "serve", HelloApp.class.getName(), "--loops", "1", "--worker", "pool:2")) {
            brisk.awaitOutput("Press CTRL+C to quit", Duration.ofSeconds(60));
            var res = ChildBrisk.get("http://127.0.0.1:" + port + "/");
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("\"hello\":\"world\"").contains("brisk-worker-");
            brisk.process.destroy();
            assertThat(brisk.process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String out = brisk.output();
            List<String> expected = List.of("Started server process", "Waiting for application startup.",
                    "Application startup complete.", "1 event loop; worker lane: platform pool of 2 threads",
                    "/ -> worker", "Brisk running on http://127.0.0.1:" + port, "Shutting down", "Finished server process");
            int at = -1;
            for (String line : expected) {
                assertThat(out.indexOf(line, at + 1)).as("'%s' once, after the line before it, in:%n%s", line, out).isGreaterThan(at);
                assertThat(out.indexOf(line)).as("'%s' only once", line).isEqualTo(out.lastIndexOf(line));
                at = out.indexOf(line, at + 1);
            }
            assertThat(out).doesNotContain("SLF4J").doesNotContain("Exception");
        }
    }

    @Test
    void unusualLinesGoToPicocli() {
        List<List<String>> lines = List.of(List.of(), List.of("load", "http://x/"), List.of("seed", "--help"), List.of("seed", "-h"),
                List.of("seed", "--version"), List.of("seed", "--port"), List.of("seed", "--port", "x"),
                List.of("seed", "--port", "0x10"), List.of("seed", "--port", "-1"), List.of("seed", "--port", "1", "--port", "2"),
                List.of("seed", "--port="), List.of("seed", "--nope"), List.of("seed", "--"), List.of("seed", "extra"),
                List.of("seed", "--no-access-log=true"), List.of("seed", "--block-seconds", "1e3"),
                List.of("seed", "--proxy-headers"), List.of("seed", "--no-proxy-headers"), List.of("seed", "--ssl-keyfile", "k.pem"),
                List.of("serve"), List.of("serve", "a.B", "c.D"), List.of("serve", "a.B", "--reload", "--app-dir", "."),
                List.of("serve", "a.B", "--env-file", ".env"), List.of("upstream", "--block-on", "1"));
        for (List<String> line : lines) {
            assertThat(QuickArgs.parse(Map.of(), line.toArray(String[]::new))).as("%s", line).isNull();
        }
        for (String variable : List.of("BRISK_RELOAD", "BRISK_ENV_FILE", "BRISK_PROXY_HEADERS", "BRISK_SSL_CERTFILE")) {
            assertThat(QuickArgs.parse(Map.of(variable, "x"), "seed")).as(variable).isNull();
        }
        assertThat(QuickArgs.parse(Map.of("BRISK_PORT", "http"), "seed")).as("a variable picocli would refuse").isNull();
        assertThat(QuickArgs.parse(Map.of("BRISK_NO_ACCESS_LOG", "yes"), "seed")).isNull();
    }
}
