package dev.brisk.lab.load;

import java.time.Duration;
import java.util.Locale;

/** Parses and prints the short durations of the command line: {@code 10s}, {@code 500ms}, {@code 2m}, {@code 1m30s}. */
public final class Durations {
    private Durations() {}

    /**
     * Parses one or more {@code <number><unit>} parts, units {@code us ms s m h}; a bare number
     * means seconds, as in wrk.
     *
     * @throws IllegalArgumentException with a one-line message when the text is not a duration
     */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        if (s.chars().allMatch(Character::isDigit)) {
            return Duration.ofSeconds(parseLong(s, text));
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            int unitStart = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (start == unitStart || unitStart == i) {
                throw invalid(text);
            }
            double value;
            try {
                value = Double.parseDouble(s.substring(start, unitStart));
            } catch (NumberFormatException e) {
                throw invalid(text);
            }
            long unit = switch (s.substring(unitStart, i)) {
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m", "min" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw invalid(text);
            };
            double part = value * unit;
            if (part > Long.MAX_VALUE / 2.0 || nanos + (long) part < 0) {
                throw new IllegalArgumentException("duration too long: '" + text + "'");
            }
            nanos += (long) part;
        }
        return Duration.ofNanos(nanos);
    }

    /** Prints a duration compactly: {@code 500ms}, {@code 10s}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms % 3_600_000 == 0) {
            return (ms / 3_600_000) + "h";
        }
        if (ms % 60_000 == 0) {
            return (ms / 60_000) + "m";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + "s";
        }
        return String.format(Locale.ROOT, "%.3fs", ms / 1000.0).replaceAll("0+s$", "s");
    }

    private static long parseLong(String s, String original) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw invalid(original);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException(
                "invalid duration '" + text + "' (expected e.g. 500ms, 10s, 2m)");
    }
}
