package dev.brisk.lab.cli;

import dev.brisk.Settings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every long option from the environment, as uvicorn reads {@code UVICORN_*}: {@code --port} is
 * {@code BRISK_PORT}, {@code --no-access-log} is {@code BRISK_NO_ACCESS_LOG=true}, {@code --app-dir} is
 * {@code BRISK_APP_DIR}. Generic over every command's options (picocli asks for each option's default),
 * so options added later get their variable with no code. The command line beats the environment, which
 * beats the {@code --env-file} (python-dotenv's no-override rule), which beats the built-in default.
 */
public final class EnvDefaults implements IDefaultValueProvider {
    private static final List<String> NEVER = List.of("--help", "--version");
    private final Map<String, String> variables;

    private EnvDefaults(Map<String, String> variables) {
        this.variables = variables;
    }

    /**
     * The provider for {@code env} plus the env file named by {@code --env-file} in {@code args} (or by
     * {@code BRISK_ENV_FILE}); also sets {@link Settings#ENV_FILE_PROPERTY} so the app's Settings read that file.
     */
    public static EnvDefaults from(Map<String, String> env, String... args) {
        String file = env.get("BRISK_ENV_FILE");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--env-file") && i + 1 < args.length) file = args[i + 1];
            else if (args[i].startsWith("--env-file=")) file = args[i].substring("--env-file=".length());
        }
        Map<String, String> vars = new HashMap<>();
        if (file != null) {
            Path path = Path.of(file);
            if (!path.toFile().isFile()) throw new IllegalArgumentException("--env-file " + file + ": no such file");
            vars.putAll(Settings.readEnvFile(path));
            System.setProperty(Settings.ENV_FILE_PROPERTY, path.toAbsolutePath().toString());
        }
        vars.putAll(env);
        return new EnvDefaults(vars);
    }

    /** {@code --block-threshold} → {@code BRISK_BLOCK_THRESHOLD}. */
    public static String variable(String longName) {
        int start = 0;
        while (start < longName.length() && longName.charAt(start) == '-') start++;   // not a regex: start-up
        return "BRISK_" + longName.substring(start).replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o) || !o.longestName().startsWith("--") || NEVER.contains(o.longestName())) return null;
        String v = variables.get(variable(o.longestName()));
        return v != null ? v : arg.defaultValue();
    }
}
