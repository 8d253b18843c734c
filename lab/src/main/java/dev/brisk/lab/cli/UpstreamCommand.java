package dev.brisk.lab.cli;

import dev.brisk.examples.upstream.UpstreamApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./brisk upstream}: seed 001's slow upstream, {@code GET /?waitms=N}. */
@Command(name = "upstream", mixinStandardHelpOptions = true,
        description = "Run the slow upstream: GET /?waitms=N answers {\"waited_ms\": N} after N ms, holding no thread.")
public final class UpstreamCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server;

    @Option(names = "--port", defaultValue = "8090", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() throws Exception {
        return ServerRunner.runUntilSignal(UpstreamApp.create(server.toConfig(port)));
    }
}
