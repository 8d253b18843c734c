package dev.brisk.lab.experiments;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** Small summaries of a burst of samples. */
final class Stats {
    private Stats() {}

    static double wallMs(List<Sample> samples) {
        return samples.stream().mapToDouble(Sample::endMs).max().orElse(0);
    }

    static double percentile(List<Sample> samples, double p) {
        return percentile(samples.stream().mapToDouble(Sample::latencyMs).toArray(), p);
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) return 0;
        double[] v = values.clone();
        Arrays.sort(v);
        int i = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, i))];
    }

    static long ok(List<Sample> samples) {
        return samples.stream().filter(Sample::ok).count();
    }

    static long timeouts(List<Sample> samples) {
        return samples.stream().filter(Sample::timedOut).count();
    }

    static long distinctThreads(Collection<Sample> samples) {
        return samples.stream().map(Sample::threadKey).filter(t -> t != null).distinct().count();
    }

    /** Throws when nothing in a burst was a 200: the server is down or is not a seed-contract server. */
    static void requireSomeOk(List<Sample> samples, String what) {
        if (samples.isEmpty() || ok(samples) > 0) return;
        Sample s = samples.get(0);
        throw new LabException(what + " got no 200 answer (first: " + s.outcome() + " for " + s.path() + ")");
    }
}
