package dev.brisk.lab.experiments;

import java.util.List;
import java.util.Map;

/**
 * One FastAPI row of an experiment: the bundled FastAPI seed app started with some options. Most
 * experiments have one ({@link #seedApp()}); an experiment whose FastAPI result depends on how the app
 * is written runs several, e.g. E2's client per request (the seed's code) and shared client.
 *
 * <p>The hook for a new experiment: pass its variants to
 * {@link Findings#eachSetting(Lab, List, Findings.Body)}; each becomes a {@link Setting} (its {@code name}
 * is the table's first column) started with {@code env} on top of the lab's own SEED_* options, and the
 * app reads them (see {@code benchmarks/fastapi/app.py}). Exactly one variant should be {@code seedCode}
 * (judged against the seed post) and one {@code reference} (what Brisk's parity setting must match and
 * its default must beat); they may be the same.
 *
 * @param name the row label, e.g. {@code FastAPI} or {@code FastAPI shared client}
 * @param note what differs, for the findings line (empty for the plain app)
 * @param env extra environment for the app, e.g. {@code SEED_HTTP_CLIENT=shared}
 * @param seedCode written as the seed post wrote it: the row compared with the seed's observation
 * @param reference the row Brisk's parity and default rows are judged against
 */
public record FastApiVariant(String name, String note, Map<String, String> env, boolean seedCode, boolean reference) {
    public FastApiVariant {
        env = Map.copyOf(env);
    }

    /** The app as the seed posts wrote it: the one FastAPI row of most experiments. */
    public static FastApiVariant seedApp() {
        return new FastApiVariant("FastAPI", "", Map.of(), true, true);
    }

    static FastApiVariant seedCode(List<FastApiVariant> variants) {
        return variants.stream().filter(FastApiVariant::seedCode).findFirst().orElse(variants.get(0));
    }

    static FastApiVariant reference(List<FastApiVariant> variants) {
        return variants.stream().filter(FastApiVariant::reference).findFirst().orElse(variants.get(0));
    }
}
