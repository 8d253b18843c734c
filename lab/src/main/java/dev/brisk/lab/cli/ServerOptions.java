package dev.brisk.lab.cli;

import dev.brisk.BriskConfig;
import dev.brisk.WorkerMode;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The uvicorn-like server options shared by {@code serve} and {@code seed}. */
public final class ServerOptions {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--loops", description = "Event-loop threads (default: number of cores). 1 = uvicorn's single loop.")
    Integer loops;

    @Option(names = "--worker", defaultValue = "virtual",
            description = "Worker lane: virtual (default), pool:T (T threads, unbounded queue; pool:40 = FastAPI), pool:T:Q (queue of Q, 503 beyond).")
    String worker;

    @Option(names = "--no-access-log", description = "Do not print access-log lines.")
    boolean noAccessLog;

    @Option(names = "--block-threshold", defaultValue = "100",
            description = "Watchdog: report event-loop stalls of at least this many ms (0 = off; default: ${DEFAULT-VALUE}).")
    long blockThresholdMs;

    @Option(names = "--limit-concurrency", defaultValue = "10000",
            description = "In-flight limit; beyond it requests get 503 + Retry-After (default: ${DEFAULT-VALUE}).")
    int inFlightLimit;

    @Option(names = "--time-limit", defaultValue = "0",
            description = "Default per-request time limit in seconds; past it 504 (0 = none; default: ${DEFAULT-VALUE}).")
    double timeLimitSeconds;

    @Mixin
    DeployOptions deploy;

    /** Applies the options to a config, with {@code port} given by the command. */
    public BriskConfig toConfig(int port) {
        BriskConfig c = new BriskConfig()
                .host(host)
                .port(port)
                .worker(WorkerMode.parse(worker))
                .accessLog(!noAccessLog)
                .blockThreshold(Duration.ofMillis(blockThresholdMs))
                .inFlightLimit(inFlightLimit)
                .requestTimeout(Duration.ofNanos((long) (timeLimitSeconds * 1e9)));
        if (loops != null) c.loops(loops);
        deploy.applyTo(c);
        return c;
    }
}
