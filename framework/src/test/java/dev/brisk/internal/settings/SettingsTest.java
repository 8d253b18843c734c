package dev.brisk.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brisk.Settings;
import dev.brisk.Settings.SettingsException;
import dev.brisk.annotation.Default;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    enum Mode { DEV, PROD }

    record AppSettings(@Default("Brisk app") String appName,
                       @Default("8000") @Min(1) @Max(65535) int port,
                       Optional<String> databaseUrl,
                       @Default("PT5S") Duration timeout,
                       @Default("DEV") Mode mode,
                       boolean debug) {}

    @Test
    void bindsFromVariablesWithDefaultsOptionalsAndPrefix() {
        AppSettings s = Settings.load(AppSettings.class, "APP_",
                Map.of("APP_PORT", "8001", "app.database.url", "postgres://x", "APP_DEBUG", "yes", "PORT", "1"));
        assertThat(s).isEqualTo(new AppSettings("Brisk app", 8001, Optional.of("postgres://x"), Duration.ofSeconds(5), Mode.DEV, true));
    }

    @Test
    void everyProblemAtOnceInPydanticsShape() {
        assertThatThrownBy(() -> Settings.load(AppSettings.class, "", Map.of("PORT", "abc", "MODE", "staging")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("""
                        3 validation errors for AppSettings
                        port
                          Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='abc', input_type=str]
                        mode
                          Input should be 'DEV' or 'PROD' [type=enum, input_value='staging', input_type=str]
                        debug
                          Field required [type=missing, input_value={}, input_type=dict]""")
                .satisfies(e -> assertThat(((SettingsException) e).errors()).extracting(x -> x.loc().get(0))
                        .containsExactly("port", "mode", "debug"));
        assertThatThrownBy(() -> Settings.load(AppSettings.class, "", Map.of("PORT", "70000", "DEBUG", "false")))
                .hasMessageContaining("Input should be less than or equal to 65535 [type=less_than_equal, input_value='70000'");
    }

    @Test
    void dotEnvFileEnvironmentAndSystemPropertiesInPydanticsOrder(@TempDir Path dir) throws Exception {
        Path env = dir.resolve("test.env");
        Files.writeString(env, """
                # comment
                export APP_PORT=9001
                APP_APP_NAME="quoted \\"name\\"" 
                APP_DEBUG=true  # inline comment
                APP_DATABASE_URL='single # kept'
                """);
        assertThat(DotEnv.read(env)).containsEntry("APP_APP_NAME", "quoted \"name\"").containsEntry("APP_DEBUG", "true")
                .containsEntry("APP_DATABASE_URL", "single # kept");
        String saved = System.getProperty(DotEnv.FILE_PROPERTY);
        System.setProperty(DotEnv.FILE_PROPERTY, env.toString());
        System.setProperty("app.port", "9002");           // a system property beats the file
        try {
            AppSettings s = Settings.load(AppSettings.class, "APP_");
            assertThat(s.port()).isEqualTo(9002);
            assertThat(s.appName()).isEqualTo("quoted \"name\"");
            assertThat(s.databaseUrl()).contains("single # kept");
        } finally {
            System.clearProperty("app.port");
            if (saved == null) System.clearProperty(DotEnv.FILE_PROPERTY); else System.setProperty(DotEnv.FILE_PROPERTY, saved);
        }
        Files.writeString(env, "not a pair\n");
        assertThatThrownBy(() -> DotEnv.read(env)).hasMessageContaining("line 1: expected KEY=value");
    }
}
