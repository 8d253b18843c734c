package dev.brisk.internal.server;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away PKI made with the openssl command line (as an operator would): a test CA, server
 * certificates for localhost/127.0.0.1 and a client certificate, all signed by the CA.
 */
final class TestPki {
    final Path dir;
    final Path caCert;
    final Path caKey;

    TestPki(Path dir) throws Exception {
        Assumptions.assumeTrue(onPath("openssl"), "openssl is not installed (.ci/run installs it)");
        this.dir = dir;
        this.caCert = dir.resolve("ca.crt");
        this.caKey = dir.resolve("ca.key");
        run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey.toString(), "-out", caCert.toString(), "-days", "2", "-subj", "/CN=Brisk Test CA");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
    }

    /** A key and certificate named {@code name} with subject CN={@code cn}; returns {key, cert}. */
    Path[] issue(String name, String cn, String ext) throws Exception {
        Path key = dir.resolve(name + ".key"), csr = dir.resolve(name + ".csr"), crt = dir.resolve(name + ".crt");
        run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + cn);
        run("openssl", "x509", "-req", "-in", csr.toString(), "-CA", caCert.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", crt.toString(), "-days", "2", "-extfile", dir.resolve(ext).toString());
        return new Path[] {key, crt};
    }

    Path[] server(String name, String cn) throws Exception {
        return issue(name, cn, "server.ext");
    }

    Path[] client(String name) throws Exception {
        return issue(name, "brisk-test-client", "client.ext");
    }

    /** The same key, PKCS#8-encrypted with {@code password}. */
    Path encrypt(Path key, String password) throws Exception {
        Path out = dir.resolve("encrypted-" + key.getFileName());
        run("openssl", "pkcs8", "-topk8", "-in", key.toString(), "-out", out.toString(), "-passout", "pass:" + password,
                "-v2", "aes-256-cbc");
        return out;
    }

    /** A client SSLContext trusting the test CA, presenting {key, cert} if given. */
    SSLContext context(Path[] clientKeyAndCert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCert)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (clientKeyAndCert != null) {
            Path p12 = dir.resolve("client.p12");
            run("openssl", "pkcs12", "-export", "-inkey", clientKeyAndCert[0].toString(), "-in",
                    clientKeyAndCert[1].toString(), "-out", p12.toString(), "-passout", "pass:changeit");
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = new FileInputStream(p12.toFile())) {
                ks.load(in, "changeit".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "changeit".toCharArray());
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Runs a command; returns its exit code and output (stdout and stderr together). */
    static Result exec(List<String> cmd, String stdin) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(stdin == null ? new byte[0] : stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), out);
    }

    record Result(int code, String output) {}

    private void run(String... cmd) throws Exception {
        List<String> c = new ArrayList<>(List.of(cmd));
        Result r = exec(c, null);
        if (r.code() != 0) throw new IllegalStateException(String.join(" ", cmd) + " failed: " + r.output());
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return false;
    }
}
