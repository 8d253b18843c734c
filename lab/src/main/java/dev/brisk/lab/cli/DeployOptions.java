package dev.brisk.lab.cli;

import dev.brisk.BriskConfig;
import dev.brisk.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** uvicorn's proxy, root-path and TLS options, plus the drain delay: part of {@link ServerOptions}. */
public final class DeployOptions {
    @Option(names = "--proxy-headers", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Trust X-Forwarded-For/-Proto/-Host and Forwarded from --forwarded-allow-ips (default: on; --no-proxy-headers to ignore them).")
    boolean proxyHeaders;

    @Option(names = "--forwarded-allow-ips", defaultValue = "127.0.0.1", paramLabel = "LIST",
            description = "Comma-separated IPs or CIDRs whose proxy headers are trusted; '*' for all (default: ${DEFAULT-VALUE}).")
    String forwardedAllowIps;

    @Option(names = "--root-path", defaultValue = "", paramLabel = "PATH",
            description = "Path prefix the app is served under behind a proxy (OpenAPI servers, /docs, request URLs).")
    String rootPath;

    @Option(names = "--ssl-keyfile", paramLabel = "FILE", description = "PEM private key: serve HTTPS.")
    Path sslKeyfile;

    @Option(names = "--ssl-certfile", paramLabel = "FILE", description = "PEM certificate chain: serve HTTPS.")
    Path sslCertfile;

    @Option(names = "--ssl-keyfile-password", paramLabel = "PASSWORD", description = "Password of an encrypted key file.")
    String sslKeyfilePassword;

    @Option(names = "--ssl-ca-certs", paramLabel = "FILE", description = "PEM CA certificates for client certificates.")
    Path sslCaCerts;

    @Option(names = "--ssl-cert-reqs", defaultValue = "0", paramLabel = "0|1|2",
            description = "Client certificate: 0 none, 1 optional, 2 required (as uvicorn; default: ${DEFAULT-VALUE}; needs --ssl-ca-certs).")
    int sslCertReqs;

    @Option(names = "--drain-delay", defaultValue = "0", paramLabel = "SECONDS",
            description = "On SIGTERM, seconds /health/ready answers 503 before the server stops and drains (default: ${DEFAULT-VALUE}).")
    double drainDelaySeconds;

    /** Applies the options to {@code config}; a bad combination is an {@link IllegalArgumentException} with one line. */
    public void applyTo(BriskConfig config) {
        Deployment d = config.deployment()
                .proxyHeaders(proxyHeaders)
                .forwardedAllowIps(forwardedAllowIps)
                .rootPath(rootPath);
        if ((sslKeyfile == null) != (sslCertfile == null)) {
            throw new IllegalArgumentException("--ssl-keyfile and --ssl-certfile go together");
        }
        if (sslKeyfile != null) d.tls(sslKeyfile, sslCertfile).sslKeyfilePassword(sslKeyfilePassword);
        if (sslCertReqs < 0 || sslCertReqs > 2) throw new IllegalArgumentException("--ssl-cert-reqs is 0, 1 or 2");
        if (sslCertReqs > 0 && sslCaCerts == null) throw new IllegalArgumentException("--ssl-cert-reqs needs --ssl-ca-certs");
        if (sslCaCerts != null) d.sslCaCerts(sslCaCerts, Deployment.ClientAuth.values()[sslCertReqs]);
        if (drainDelaySeconds < 0) throw new IllegalArgumentException("--drain-delay must be >= 0");
        d.drainDelay(Duration.ofNanos((long) (drainDelaySeconds * 1e9)));
    }
}
