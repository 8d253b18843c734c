package dev.brisk.bench;

import java.util.HashMap;
import java.util.Map;

/** The peer servers' tiny command line: {@code --name value} pairs, nothing else. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                values.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                values.put(a.substring(2), argv[++i]);
            } else {
                values.put(a.substring(2), "true");
            }
        }
    }

    String string(String name, String def) {
        return values.getOrDefault(name, def);
    }

    int integer(String name, int def) {
        String v = values.get(name);
        return v == null ? def : Integer.parseInt(v);
    }

    /** Seconds as a decimal ({@code 0.1}), returned in milliseconds. */
    long millis(String name, double defSeconds) {
        String v = values.get(name);
        return Math.round((v == null ? defSeconds : Double.parseDouble(v)) * 1000);
    }
}
