package dev.brisk.lab.cli;

import dev.brisk.examples.seed.SeedApp;
import dev.brisk.examples.seed.SeedOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./brisk seed}: the seed application of shared/seed-app-contract.md. */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Run the seed app: every seed experiment's routes (/sync, /async, /http/*, /cpu/*, ...).")
public final class SeedCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = "8000", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--block-seconds", defaultValue = "20", description = "Seed 000's blocking sleep (default: ${DEFAULT-VALUE}).")
    double blockSeconds;

    @Option(names = "--block-on", defaultValue = "5", description = "Which request number blocks (default: ${DEFAULT-VALUE}).")
    int blockOn;

    @Option(names = "--sleep-seconds", defaultValue = "3", description = "Seed 004's sleep (default: ${DEFAULT-VALUE}).")
    double sleepSeconds;

    @Option(names = "--upstream", defaultValue = "http://127.0.0.1:8090", description = "Slow upstream for /http/* (default: ${DEFAULT-VALUE}).")
    String upstream;

    @Option(names = "--cors-origin", description = "Enable CORS for this origin on every route and every answer, errors included.")
    String corsOrigin;

    @Override
    public Integer call() throws Exception {
        if (blockSeconds < 0 || sleepSeconds < 0) throw new IllegalArgumentException("durations must be >= 0");
        SeedOptions options = new SeedOptions(blockSeconds, blockOn, sleepSeconds, upstream, corsOrigin);
        return ServerRunner.runUntilSignal(SeedApp.create(server.toConfig(port), options));
    }
}
