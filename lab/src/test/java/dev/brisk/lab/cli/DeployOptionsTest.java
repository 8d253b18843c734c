package dev.brisk.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.BriskConfig;
import dev.brisk.Deployment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The production options of serve and seed (uvicorn's names) reach the app's configuration. */
class DeployOptionsTest {

    private static BriskConfig parse(String... args) {
        return CommandLine.populateCommand(new ServerOptions(), args).toConfig(0);
    }

    @Test
    void uvicornDefaults() {
        Deployment d = parse().deployment();
        assertThat(d.proxyHeaders()).isTrue();
        assertThat(d.forwardedAllowIps()).containsExactly("127.0.0.1");
        assertThat(d.rootPath()).isEmpty();
        assertThat(d.tls()).isFalse();
        assertThat(d.drainDelay()).isEqualTo(Duration.ZERO);
    }

    @Test
    void everyOptionIsApplied() {
        Deployment d = parse("--no-proxy-headers", "--forwarded-allow-ips", "10.0.0.0/8, 127.0.0.1", "--root-path", "/api",
                "--ssl-keyfile", "k.pem", "--ssl-certfile", "c.pem", "--ssl-keyfile-password", "pw",
                "--ssl-ca-certs", "ca.pem", "--ssl-cert-reqs", "2", "--drain-delay", "2.5").deployment();
        assertThat(d.proxyHeaders()).isFalse();
        assertThat(d.forwardedAllowIps()).isEqualTo(List.of("10.0.0.0/8, 127.0.0.1"));
        assertThat(d.rootPath()).isEqualTo("/api");
        assertThat(d.sslKeyfile()).isEqualTo(Path.of("k.pem"));
        assertThat(d.sslCertfile()).isEqualTo(Path.of("c.pem"));
        assertThat(d.sslKeyfilePassword()).isEqualTo("pw");
        assertThat(d.sslCaCerts()).isEqualTo(Path.of("ca.pem"));
        assertThat(d.clientAuth()).isEqualTo(Deployment.ClientAuth.REQUIRED);
        assertThat(d.drainDelay()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void badCombinationsAreOneLineErrors() {
        assertThatThrownBy(() -> parse("--ssl-keyfile", "k.pem")).hasMessage("--ssl-keyfile and --ssl-certfile go together");
        assertThatThrownBy(() -> parse("--ssl-keyfile", "k.pem", "--ssl-certfile", "c.pem", "--ssl-cert-reqs", "2"))
                .hasMessage("--ssl-cert-reqs needs --ssl-ca-certs");
        assertThatThrownBy(() -> parse("--root-path", "api")).hasMessageContaining("starting with '/'");
    }
}
