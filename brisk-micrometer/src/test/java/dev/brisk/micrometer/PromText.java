package dev.brisk.micrometer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strict reader of the Prometheus text format (0.0.4) for tests: every line must parse. */
record PromText(Map<String, String> types, List<Sample> samples) {
    record Sample(String name, Map<String, String> labels, double value) {}

    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+)( \\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    static PromText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ");
                types.put(p[0], p[1]);
                continue;
            }
            if (line.startsWith("#")) continue;
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) throw new AssertionError("not Prometheus text: " + line);
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                int at = 0;
                while (l.find() && l.start() == at) {
                    labels.put(l.group(1), l.group(2));
                    at = l.end();
                }
                if (at != m.group(3).length()) throw new AssertionError("bad labels: " + line);
            }
            String v = m.group(4);
            double value = v.equals("+Inf") ? Double.POSITIVE_INFINITY : v.equals("-Inf") ? Double.NEGATIVE_INFINITY
                    : v.equals("NaN") ? Double.NaN : Double.parseDouble(v);
            samples.add(new Sample(m.group(1), labels, value));
        }
        return new PromText(types, samples);
    }

    /** Samples of this name whose labels include all of {@code match}. */
    List<Sample> find(String name, Map<String, String> match) {
        return samples.stream().filter(s -> s.name.equals(name) && s.labels.entrySet().containsAll(match.entrySet())).toList();
    }

    /** The sum of the matching samples' values (0 when none). */
    double sum(String name, Map<String, String> match) {
        return find(name, match).stream().mapToDouble(Sample::value).sum();
    }
}
