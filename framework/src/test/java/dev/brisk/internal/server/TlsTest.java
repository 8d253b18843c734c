package dev.brisk.internal.server;

import static dev.brisk.Handler.loopSafe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.Deployment.ClientAuth;
import dev.brisk.LogCapture;
import dev.brisk.testing.BriskTestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS with uvicorn's --ssl-* options on a real server, checked by real clients: the JDK's
 * HttpClient trusting a test CA, curl and openssl s_client; client certificates required and
 * optional; an encrypted key; certificate files replaced while running.
 */
class TlsTest {
    @TempDir
    static Path dir;
    static TestPki pki;
    static Path[] server;
    static Path[] client;

    @BeforeAll
    static void pki() throws Exception {
        pki = new TestPki(dir);
        server = pki.server("server", "localhost");
        client = pki.client("client");
    }

    private static Brisk start(Consumer<BriskConfig> tls) {
        BriskConfig c = BriskTestClient.testConfig();
        tls.accept(c);
        Brisk app = Brisk.create(c);   // over TLS: the tests talk HTTPS with the JDK client, curl and openssl
        app.get("/who", loopSafe(req -> Map.of("scheme", req.scheme(), "url", req.url())));
        return app.start();
    }

    private static HttpResponse<String> get(Brisk app, SSLContext ctx) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().sslContext(ctx).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + app.port() + "/who")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHttpsToTheJdkClientCurlAndOpenssl() throws Exception {
        try (Brisk app = start(c -> c.deployment().tls(server[0], server[1]))) {
            assertThat(app.url()).startsWith("https://");
            HttpResponse<String> r = get(app, pki.context(null));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"scheme\":\"https\"").contains("https://localhost:" + app.port() + "/who");
            assertThat(r.sslSession()).isPresent();

            TestPki.Result curl = TestPki.exec(List.of("curl", "-sS", "--cacert", pki.caCert.toString(),
                    "https://127.0.0.1:" + app.port() + "/who"), null);
            assertThat(curl.code()).as(curl.output()).isZero();
            assertThat(curl.output()).contains("\"scheme\":\"https\"");
            // plain HTTP to the TLS port gets no answer as HTTP
            TestPki.Result plain = TestPki.exec(List.of("curl", "-sS", "-m", "3", "http://127.0.0.1:" + app.port() + "/who"), null);
            assertThat(plain.output()).doesNotContain("\"scheme\"");

            TestPki.Result sclient = TestPki.exec(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + app.port(),
                    "-CAfile", pki.caCert.toString(), "-servername", "localhost"), "");
            assertThat(sclient.output()).contains("Verify return code: 0 (ok)").contains("CN = localhost")
                    .containsPattern("TLSv1\\.[23]");
        }
    }

    @Test
    void requiredClientCertificate() throws Exception {
        try (Brisk app = start(c -> c.deployment().tls(server[0], server[1]).sslCaCerts(pki.caCert, ClientAuth.REQUIRED))) {
            assertThat(get(app, pki.context(client)).statusCode()).isEqualTo(200);
            assertThatThrownBy(() -> get(app, pki.context(null))).isInstanceOf(IOException.class);

            TestPki.Result with = TestPki.exec(List.of("curl", "-sS", "--cacert", pki.caCert.toString(),
                    "--cert", client[1].toString(), "--key", client[0].toString(), "https://127.0.0.1:" + app.port() + "/who"), null);
            assertThat(with.output()).contains("\"scheme\":\"https\"");
            TestPki.Result without = TestPki.exec(List.of("curl", "-sS", "--cacert", pki.caCert.toString(),
                    "https://127.0.0.1:" + app.port() + "/who"), null);
            assertThat(without.code()).isNotZero();
            assertThat(without.output()).doesNotContain("\"scheme\"");
            // a certificate from another CA is refused too
            Path[] stranger = new TestPki(Files.createTempDirectory(dir, "other")).client("stranger");
            assertThatThrownBy(() -> get(app, pki.context(stranger))).isInstanceOf(IOException.class);
        }
    }

    @Test
    void optionalClientCertificate() throws Exception {
        try (Brisk app = start(c -> c.deployment().tls(server[0], server[1]).sslCaCerts(pki.caCert, ClientAuth.OPTIONAL))) {
            assertThat(get(app, pki.context(client)).statusCode()).isEqualTo(200);
            assertThat(get(app, pki.context(null)).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void encryptedKeyWithItsPasswordAndAClearErrorWithoutIt() throws Exception {
        Path encrypted = pki.encrypt(server[0], "s3cret");
        try (Brisk app = start(c -> c.deployment().tls(encrypted, server[1]).sslKeyfilePassword("s3cret"))) {
            assertThat(get(app, pki.context(null)).statusCode()).isEqualTo(200);
        }
        BriskConfig wrong = BriskTestClient.testConfig();
        wrong.deployment().tls(encrypted, server[1]).sslKeyfilePassword("nope");
        assertThatThrownBy(() -> Brisk.create(wrong).start()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TLS: cannot load key").hasMessageContaining(encrypted.toString());
        BriskConfig missing = BriskTestClient.testConfig();
        missing.deployment().tls(dir.resolve("absent.key"), server[1]);
        assertThatThrownBy(() -> Brisk.create(missing).start()).hasMessageContaining("absent.key");
    }

    @Test
    void certificateFilesReplacedWhileRunningAreUsedForNewConnections() throws Exception {
        Path key = dir.resolve("live.key"), crt = dir.resolve("live.crt");
        Files.copy(server[0], key, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(server[1], crt, StandardCopyOption.REPLACE_EXISTING);
        try (LogCapture logs = new LogCapture();
             Brisk app = start(c -> c.deployment().tls(key, crt).sslReloadInterval(Duration.ofMillis(200)))) {
            SSLContext ctx = pki.context(null);
            assertThat(peerSubject(app, ctx)).contains("CN=localhost");
            Path[] renewed = pki.server("renewed", "localhost-renewed");
            // the way cert-manager and operators do it: new files moved into place
            Files.copy(renewed[0], dir.resolve("live.key.tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(renewed[1], dir.resolve("live.crt.tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve("live.key.tmp"), key, StandardCopyOption.ATOMIC_MOVE);
            Files.move(dir.resolve("live.crt.tmp"), crt, StandardCopyOption.ATOMIC_MOVE);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(peerSubject(app, ctx)).contains("CN=localhost-renewed"));
            assertThat(get(app, ctx).statusCode()).isEqualTo(200);
            // a broken file keeps the current certificate, with one warning
            Files.writeString(crt, "not a certificate");
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.from("brisk.tls").stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("keeping the current certificate")));
            assertThat(peerSubject(app, ctx)).contains("CN=localhost-renewed");
        }
    }

    private static String peerSubject(Brisk app, SSLContext ctx) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", app.port())) {
            s.setSoTimeout(5000);
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }
}
