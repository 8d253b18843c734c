package dev.brisk.internal.settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .env} file the way python-dotenv does for uvicorn's {@code --env-file} and
 * pydantic-settings' {@code env_file}: {@code KEY=value} lines, {@code #} comments, an optional
 * {@code export } prefix, single quotes taken literally, double quotes with {@code \n \" \\} escapes.
 * Written by hand because it is forty lines and a library for it would be Brisk's only reason to pull
 * one in; variable expansion ({@code ${OTHER}}) is deliberately not supported.
 *
 * <pre>{@code
 * Map<String, String> env = DotEnv.read(Path.of(".env"));   // {"PORT": "8001", ...}
 * }</pre>
 */
public final class DotEnv {
    /** The system property that names the env file {@code ./brisk serve --env-file} was given. */
    public static final String FILE_PROPERTY = "brisk.env-file";

    private DotEnv() {}

    /** The file's variables in order; an absent file is empty. A malformed line is an error naming it. */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("export ")) line = line.substring(7).stripLeading();
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).strip();
            if (!key.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": expected KEY=value, got: " + line);
            }
            out.put(key, value(line.substring(eq + 1).strip()));
        }
        return out;
    }

    private static String value(String v) {
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) return v.substring(1, v.length() - 1);
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            String s = v.substring(1, v.length() - 1);
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    char e = s.charAt(++i);
                    b.append(switch (e) { case 'n' -> '\n'; case 't' -> '\t'; default -> e; });
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
        int hash = v.indexOf(" #");                     // an unquoted value ends at an inline comment
        return hash < 0 ? v : v.substring(0, hash).strip();
    }
}
