package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Chart;
import dev.brisk.lab.report.Section;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What an experiment gathers while it runs in each setting: finding lines, table rows, charts, and each
 * setting's figures {@code F}, from which {@link #outcome} judges the verdicts by the experiment's
 * {@link Rules}. {@link #eachSetting} is the loop every server-side experiment shares: start the
 * setting's target (FastAPI's rows first, then Brisk's parity and default), run the body, and stop at
 * the first {@link LabException} keeping what was found.
 *
 * @param <F> the figures one setting's run yields, e.g. wall times and timeouts per route
 */
final class Findings<F> {
    /** The part of an experiment that runs against one setting's started target; returns its figures. */
    @FunctionalInterface
    interface Body<F> {
        F run(Setting setting, Target target, Findings<F> found);
    }

    /**
     * How an experiment judges its figures. Each check says which figures it compared and with what
     * tolerance, and those words go into the findings so the verdict can be checked by eye.
     */
    interface Rules<F> {
        /** Behaves as the seed post observed (FastAPI here, Brisk's parity setting, or a {@code --url} target). */
        Check seed(F figures);

        /** Without a FastAPI row to compare with: Brisk's default did better than the seed post's numbers. */
        Check improvedOnSeed(F defaults);

        /** Brisk's parity setting matches FastAPI measured in the same run. */
        Check matches(F fastapi, F parity);

        /** Brisk's default does better than FastAPI measured in the same run. */
        Check better(F fastapi, F defaults);
    }

    final List<String> lines = new ArrayList<>();
    final List<List<String>> rows = new ArrayList<>();
    final List<Chart> charts = new ArrayList<>();
    private final Map<Setting, F> figures = new LinkedHashMap<>();
    private String error;

    static <F> Findings<F> eachSetting(Lab lab, Body<F> body) {
        return eachSetting(lab, List.of(FastApiVariant.seedApp()), body);
    }

    /** The hook for experiments with several FastAPI rows (E2's two clients; E6's two drivers). */
    static <F> Findings<F> eachSetting(Lab lab, List<FastApiVariant> variants, Body<F> body) {
        Findings<F> f = new Findings<>();
        try {
            for (Setting setting : lab.settings(variants)) {
                try (Target target = Target.start(lab, setting)) {
                    f.figures.put(setting, body.run(setting, target, f));
                }
            }
        } catch (LabException e) {
            f.error = e.getMessage();
        }
        return f;
    }

    /** The figures of the setting with this name ({@code FastAPI}, {@code parity} ...), or {@code null}. */
    F figures(String name) {
        return figures.entrySet().stream().filter(e -> e.getKey().name().equals(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** The figures of the FastAPI row that is flagged so, or {@code null} when FastAPI was not measured. */
    private F fastapi(boolean reference) {
        return figures.entrySet().stream().filter(e -> e.getKey().isFastApi())
                .filter(e -> reference ? e.getKey().fastapi().reference() : e.getKey().fastapi().seedCode())
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * Judges and builds the outcome. With FastAPI measured: FastAPI against the seed post (said when they
     * disagree), parity against FastAPI, default against FastAPI. Without: parity (or the {@code --url}
     * target) against the seed post and default against the seed's numbers, as before there was a FastAPI row.
     */
    Outcome outcome(Rules<F> rules, Function<Findings<F>, Section> section) {
        F seedApp = fastapi(false);
        F reference = fastapi(true);
        F parity = figures("parity");
        F target = figures("target");
        F defaults = figures("default");
        Check reproduces = parity != null ? rules.seed(parity) : target != null ? rules.seed(target) : null;
        Check fastapiSeed = seedApp == null ? null : rules.seed(seedApp);
        Check matches = reference == null || parity == null ? null : rules.matches(reference, parity);
        Check better = defaults == null ? null : reference == null ? rules.improvedOnSeed(defaults) : rules.better(reference, defaults);
        if (fastapiSeed != null) {
            lines.add(fastapiSeed.ok() ? "FastAPI here behaves as the seed post saw: " + fastapiSeed.says()
                    : "FastAPI on this machine differs from the seed post: " + fastapiSeed.says());
        }
        if (matches != null) lines.add("parity vs FastAPI: " + matches.says());
        if (better != null && reference != null) lines.add("default vs FastAPI: " + better.says());
        sortByRoute();
        return new Outcome(section.apply(this), bool(reproduces), bool(better), error, bool(fastapiSeed), bool(matches));
    }

    /**
     * Three rows per route (FastAPI, parity, default) rather than a block per setting, and each route's
     * timelines side by side in the same order. A chart's title is {@code "<setting> (<flags>): <route...>"}.
     */
    private void sortByRoute() {
        List<String> routes = new ArrayList<>();
        for (List<String> r : rows) if (r.size() > 1 && !routes.contains(r.get(1))) routes.add(r.get(1));
        rows.sort(Comparator.comparingInt(r -> routes.indexOf(r.size() > 1 ? r.get(1) : "")));
        List<String> chartRoutes = new ArrayList<>();
        for (Chart c : charts) if (!chartRoutes.contains(chartRoute(c))) chartRoutes.add(chartRoute(c));
        charts.sort(Comparator.comparingInt(c -> chartRoutes.indexOf(chartRoute(c))));
    }

    private static String chartRoute(Chart c) {
        int i = c.title().indexOf("): ");
        return i < 0 ? c.title() : c.title().substring(i + 3);
    }

    private static Boolean bool(Check c) {
        return c == null ? null : c.ok();
    }
}
