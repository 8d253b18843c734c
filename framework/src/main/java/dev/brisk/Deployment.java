package dev.brisk;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How an app meets the network in production: proxy headers, root path, TLS, drain on stop and the
 * JVM shutdown hook. Part of {@link BriskConfig} ({@link BriskConfig#deployment()}); the names follow
 * uvicorn's options ({@code --proxy-headers}, {@code --forwarded-allow-ips}, {@code --root-path},
 * {@code --ssl-*}).
 *
 * <pre>{@code
 * BriskConfig config = new BriskConfig().host("0.0.0.0").port(8443);
 * config.deployment()
 *         .forwardedAllowIps("10.0.0.0/8", "127.0.0.1")
 *         .tls(Path.of("/etc/tls/tls.key"), Path.of("/etc/tls/tls.crt"))   // reloaded when the files change
 *         .drainDelay(Duration.ofSeconds(5));
 * Brisk app = Brisk.create(config);
 * Health.install(app);                    // GET /health/live, GET /health/ready
 * app.start();                            // SIGTERM: ready turns 503, 5 s later the server drains
 * }</pre>
 */
public final class Deployment {
    /** Whether a client certificate is asked for (uvicorn's {@code --ssl-cert-reqs} 0, 1, 2). */
    public enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    boolean proxyHeaders = true;
    List<String> forwardedAllowIps = List.of("127.0.0.1");
    String rootPath = "";
    Path sslKeyfile;
    Path sslCertfile;
    String sslKeyfilePassword;
    Path sslCaCerts;
    ClientAuth clientAuth = ClientAuth.NONE;
    Duration sslReloadInterval = Duration.ofSeconds(10);
    Duration drainDelay = Duration.ZERO;
    boolean shutdownHook = true;

    /**
     * Read {@code X-Forwarded-For/-Proto/-Host} and RFC 7239 {@code Forwarded} from trusted peers
     * (default on, as uvicorn: trusted means {@link #forwardedAllowIps}, by default only 127.0.0.1).
     */
    public Deployment proxyHeaders(boolean value) {
        this.proxyHeaders = value;
        return this;
    }

    /**
     * The peers whose proxy headers are trusted: IP addresses, CIDR ranges ({@code 10.0.0.0/8},
     * {@code fd00::/8}) or {@code *} for any. Checked when the server starts; a malformed entry fails it.
     */
    public Deployment forwardedAllowIps(String... values) {
        this.forwardedAllowIps = List.of(values);
        return this;
    }

    /** The same, from a list such as uvicorn's comma-separated {@code --forwarded-allow-ips}. */
    public Deployment forwardedAllowIps(List<String> values) {
        this.forwardedAllowIps = List.copyOf(values);
        return this;
    }

    /**
     * The path prefix the app is mounted under behind a proxy that strips it (uvicorn's
     * {@code --root-path}): it appears in {@link Request#url()}, in the OpenAPI document's
     * {@code servers} and in the URLs {@code /docs} loads. Empty by default.
     */
    public Deployment rootPath(String value) {
        String v = Objects.requireNonNull(value).strip();
        while (v.endsWith("/")) v = v.substring(0, v.length() - 1);
        if (!v.isEmpty() && (!v.startsWith("/") || !v.matches("[A-Za-z0-9._~!$&'()*+,;=:@%/-]*"))) {
            throw new IllegalArgumentException("root path must be a URL path starting with '/': " + value);
        }
        this.rootPath = v;
        return this;
    }

    /** Serve HTTPS with a PEM private key and certificate chain (uvicorn's {@code --ssl-keyfile}, {@code --ssl-certfile}). */
    public Deployment tls(Path keyfile, Path certfile) {
        this.sslKeyfile = Objects.requireNonNull(keyfile);
        this.sslCertfile = Objects.requireNonNull(certfile);
        return this;
    }

    /** The password of an encrypted (PKCS#8) key file, or {@code null}. */
    public Deployment sslKeyfilePassword(String value) {
        this.sslKeyfilePassword = value;
        return this;
    }

    /**
     * CA certificates (PEM) that client certificates are checked against; with {@code clientAuth} the
     * client must ({@code REQUIRED}) or may ({@code OPTIONAL}) present one.
     */
    public Deployment sslCaCerts(Path caCerts, ClientAuth clientAuth) {
        this.sslCaCerts = caCerts;
        this.clientAuth = Objects.requireNonNull(clientAuth);
        return this;
    }

    /** How often the key and certificate files are checked for changes (default 10 s; ZERO = never). */
    public Deployment sslReloadInterval(Duration value) {
        this.sslReloadInterval = Objects.requireNonNull(value);
        return this;
    }

    /**
     * On stop, how long readiness answers 503 while the server keeps serving, before it stops accepting
     * and drains (a Kubernetes {@code preStop} sleep; default 0). Give the load balancer's health check
     * time to notice.
     */
    public Deployment drainDelay(Duration value) {
        if (value.isNegative()) throw new IllegalArgumentException("drain delay must be >= 0");
        this.drainDelay = value;
        return this;
    }

    /**
     * Whether {@link Brisk#start()} registers a JVM shutdown hook that stops the app gracefully on
     * SIGTERM/SIGINT (default on).
     */
    public Deployment shutdownHook(boolean value) {
        this.shutdownHook = value;
        return this;
    }

    public boolean proxyHeaders() { return proxyHeaders; }
    public List<String> forwardedAllowIps() { return forwardedAllowIps; }
    public String rootPath() { return rootPath; }
    public Path sslKeyfile() { return sslKeyfile; }
    public Path sslCertfile() { return sslCertfile; }
    public String sslKeyfilePassword() { return sslKeyfilePassword; }
    public Path sslCaCerts() { return sslCaCerts; }
    public ClientAuth clientAuth() { return clientAuth; }
    public Duration sslReloadInterval() { return sslReloadInterval; }
    public Duration drainDelay() { return drainDelay; }
    public boolean shutdownHook() { return shutdownHook; }

    /** Whether HTTPS is configured. */
    public boolean tls() {
        return sslKeyfile != null && sslCertfile != null;
    }

    Deployment copy() {
        Deployment d = new Deployment();
        d.proxyHeaders = proxyHeaders; d.forwardedAllowIps = forwardedAllowIps; d.rootPath = rootPath;
        d.sslKeyfile = sslKeyfile; d.sslCertfile = sslCertfile; d.sslKeyfilePassword = sslKeyfilePassword;
        d.sslCaCerts = sslCaCerts; d.clientAuth = clientAuth; d.sslReloadInterval = sslReloadInterval;
        d.drainDelay = drainDelay; d.shutdownHook = shutdownHook;
        return d;
    }
}
