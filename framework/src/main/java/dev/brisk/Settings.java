package dev.brisk;

import dev.brisk.params.SettingsBinder;
import dev.brisk.internal.settings.DotEnv;
import dev.brisk.validation.ValidationError;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Typed settings from the environment, like pydantic-settings' {@code BaseSettings}: declare a record,
 * and {@link #load(Class)} fills each component from (highest first) a system property, an environment
 * variable, the {@code .env} file, or the component's {@link dev.brisk.annotation.Default @Default}.
 * Names are matched case-insensitively in upper snake case: component {@code databaseUrl} is
 * {@code DATABASE_URL} (or {@code -Ddatabase.url=...}); a prefix makes it {@code APP_DATABASE_URL}.
 * Values are converted and checked exactly like request parameters (Jakarta constraints included), and
 * every problem is reported at once, in pydantic's words:
 *
 * <pre>{@code
 * public record AppSettings(@Default("Brisk app") String appName,
 *                           @Default("8000") @Min(1) @Max(65535) int port,
 *                           Optional<String> databaseUrl,
 *                           @Default("PT5S") Duration timeout) {}
 *
 * AppSettings settings = Settings.load(AppSettings.class, "APP_");   // APP_PORT=8001 ...
 * // APP_PORT=abc →  SettingsException:
 * //   1 validation error for AppSettings
 * //   port
 * //     Input should be a valid integer, unable to parse string as an integer [type=int_parsing, input_value='abc', input_type=str]
 * }</pre>
 *
 * The {@code .env} file is {@code ./.env}, or the file given to {@code ./brisk serve --env-file} (the
 * {@value #ENV_FILE_PROPERTY} system property). Supported types: strings, numbers, booleans, enums,
 * {@code Duration}, dates and times, {@code UUID}, and {@code Optional} of any of them.
 */
public final class Settings {
    /** The system property naming the {@code .env} file {@link #load(Class)} reads ({@code ./brisk serve --env-file} sets it). */
    public static final String ENV_FILE_PROPERTY = DotEnv.FILE_PROPERTY;

    private Settings() {}

    /**
     * Reads a {@code .env} file as python-dotenv does ({@code KEY=value}, {@code #} comments, {@code export},
     * quotes); an absent file is empty, a malformed line an {@link IllegalArgumentException} naming it.
     *
     * <pre>{@code
     * Map<String, String> vars = Settings.readEnvFile(Path.of(".env"));
     * }</pre>
     */
    public static Map<String, String> readEnvFile(Path file) {
        return DotEnv.read(file);
    }

    /** Loads {@code type} with no prefix. */
    public static <T extends Record> T load(Class<T> type) {
        return load(type, "");
    }

    /** Loads {@code type}, every variable name starting with {@code prefix} (e.g. {@code "APP_"}). */
    public static <T extends Record> T load(Class<T> type, String prefix) {
        String file = System.getProperty(DotEnv.FILE_PROPERTY, ".env");
        Map<String, String> merged = new HashMap<>();
        putAll(merged, DotEnv.read(Path.of(file)));
        putAll(merged, System.getenv());
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(k.toString(), v.toString()));
        putAll(merged, props);
        return load(type, prefix, merged);
    }

    /** Loads {@code type} from the given variables only (for tests and other sources). */
    public static <T extends Record> T load(Class<T> type, String prefix, Map<String, String> variables) {
        Map<String, String> normal = new HashMap<>();
        putAll(normal, variables);
        String p = normalize(prefix);
        SettingsBinder.Result<T> r = SettingsBinder.bind(type, p, normal::get);
        if (!r.errors().isEmpty()) throw new SettingsException(type, r.errors());
        return r.value();
    }

    private static void putAll(Map<String, String> into, Map<String, String> from) {
        from.forEach((k, v) -> into.put(normalize(k), v));
    }

    private static String normalize(String key) {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Settings that could not be loaded: every error, in pydantic's {@code ValidationError} text. */
    public static final class SettingsException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient List<ValidationError> errors;

        SettingsException(Class<?> type, List<ValidationError> errors) {
            super(describe(type, errors));
            this.errors = errors;
        }

        /** The errors, each with {@code loc} = the component's name. */
        public List<ValidationError> errors() {
            return errors;
        }

        private static String describe(Class<?> type, List<ValidationError> errors) {
            StringBuilder b = new StringBuilder();
            b.append(errors.size()).append(" validation error").append(errors.size() == 1 ? "" : "s")
                    .append(" for ").append(type.getSimpleName());
            for (ValidationError e : errors) {
                b.append('\n').append(String.join(".", e.loc().stream().map(Object::toString).toList()));
                String input = e.input() == null ? "{}" : e.input() instanceof String s ? "'" + s + "'" : e.input().toString();
                String inputType = e.input() == null ? "dict" : e.input() instanceof String ? "str" : "dict";
                b.append("\n  ").append(e.msg()).append(" [type=").append(e.type())
                        .append(", input_value=").append(input).append(", input_type=").append(inputType).append(']');
            }
            return b.toString();
        }
    }
}
