package dev.brisk.lab.experiments;

import dev.brisk.lab.report.Html;
import dev.brisk.lab.report.Section;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./brisk lab}: reproduces the five seed experiments and measures, in the same run on the same
 * machine, FastAPI itself (the bundled seed app under uvicorn, when Python has FastAPI), Brisk in the
 * FastAPI-parity setting and Brisk by default; says what the seed post saw, judges parity against the
 * measured FastAPI and default against it too, and why; writes an HTML report with a timeline per run.
 *
 * <pre>{@code
 * ./brisk lab                          # all five, scaled down, FastAPI beside Brisk (about two minutes)
 * ./brisk lab --no-fastapi --quick     # Brisk's two settings only, tiny durations
 * ./brisk lab --only E1,E5 --faithful  # the seeds' own durations
 * ./brisk lab --url http://127.0.0.1:8000 --report fastapi.html   # a running seed-contract server
 * }</pre>
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run the seed experiments (E1-E5, and E6 on a PostgreSQL it starts) against FastAPI (measured live "
                + "when Python has it), Brisk in its FastAPI-parity setting and Brisk by default, or against a running "
                + "seed-contract server (--url), and write an HTML report.")
public final class LabCommand implements Callable<Integer> {
    private static final List<Experiment> ALL = List.of(new E1Blocking(), new E2Upstream(), new E3Cpu(), new E4Client(),
            new E5Sleepers(), new E6Database());

    @Spec
    CommandSpec spec;

    @Option(names = "--only", split = ",", paramLabel = "ID", description = "Run only these experiments, e.g. --only E1,E3 (E1..E6).")
    List<String> only;

    @Option(names = "--faithful", description = "Use the seeds' original durations (20 s block, waitms=1000, 3 s sleeps): several minutes.")
    boolean faithful;

    @Option(names = "--quick", description = "Tiny durations (a smoke test: a few seconds per experiment; verdicts less clear-cut).")
    boolean quick;

    @Option(names = "--url", paramLabel = "URL",
            description = "Experiment on a running seed-contract server (e.g. the FastAPI app) instead of starting Brisk.")
    String url;

    @Option(names = "--no-fastapi", description = "Skip the FastAPI column: compare Brisk's parity and default settings only.")
    boolean noFastapi;

    @Option(names = "--python", paramLabel = "EXE", description = "The Python that has FastAPI and uvicorn "
            + "(default: $BRISK_PYTHON, else /usr/bin/python3, else python3 on the PATH).")
    String python;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "lab-report.html",
            description = "Where to write the HTML report (default: ${DEFAULT-VALUE}).")
    Path report;

    @Override
    public Integer call() {
        List<Experiment> selected = select();
        String target = url == null ? null : checkUrl(url);
        if (quick && faithful) throw new ParameterException(spec.commandLine(), "--quick and --faithful exclude each other");
        Scale s = quick ? Scale.tiny() : faithful ? Scale.faithful() : Scale.scaled();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FastApi fastapi = target == null && !noFastapi ? findFastApi(err) : null;
        Lab lab = new Lab(s, target, new java.io.PrintStream(new WriterStream(err), true), fastapi);
        List<Section> sections = new ArrayList<>();
        Map<String, String> verdicts = new LinkedHashMap<>();
        boolean failed = false;
        long t0 = System.nanoTime();
        try (QuietLogs quiet = QuietLogs.apply()) {
            if (target != null) reachable(target);
            err.printf("brisk lab: %s; %s%n", target != null ? "target " + target
                    : fastapi != null ? "FastAPI (" + fastapi.describe() + ") vs Brisk in-process, parity and default"
                    : "Brisk in-process, parity vs default", s.describe());
            if (target != null) {
                err.printf(Locale.ROOT, "brisk lab: the target must use the same durations, e.g. ./brisk seed --block-seconds %s "
                        + "--sleep-seconds %s, or SEED_BLOCK_SECONDS=%s SEED_SLEEP_SECONDS=%s for the FastAPI app%n",
                        num(s.blockSeconds()), num(s.sleepSeconds()), num(s.blockSeconds()), num(s.sleepSeconds()));
            }
            for (Experiment e : selected) {
                Outcome o = runOne(e, lab);
                sections.add(o.section());
                String who = target == null || e instanceof E4Client ? (fastapi != null && e instanceof E4Client ? "Java" : "parity")
                        : "the target";
                // E4 is the client side: what runs beside Java there is Python's client, not FastAPI
                String verdict = o.verdict(who, e instanceof E4Client ? "Python" : "FastAPI");
                verdicts.put(e.id(), verdict);
                print(out, o, verdict);
                failed |= o.error() != null;
            }
        } catch (LabException e) {
            err.println("brisk lab: " + e.getMessage());
            failed = true;
        } finally {
            if (fastapi != null) fastapi.close();
        }
        if (!sections.isEmpty()) {
            out.printf(Locale.ROOT, "%nlab finished in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            writeReport(s, target, fastapi, sections, verdicts, out, err);
        }
        out.flush();
        return failed ? 1 : 0;
    }

    /** FastAPI's column, or one line on why there is none and how to get it (the lab then runs without it). */
    private FastApi findFastApi(PrintWriter err) {
        String exe = python != null ? python : System.getenv("BRISK_PYTHON");
        FastApi.Found found = FastApi.find(exe == null || exe.isBlank() ? null : exe);
        if (found.fastapi() == null) {
            err.println("brisk lab: no FastAPI column: " + found.missing() + "; to measure FastAPI beside Brisk: "
                    + FastApi.INSTALL + " (or --python EXE); comparing Brisk parity and default only");
        }
        return found.fastapi();
    }

    private List<Experiment> select() {
        if (only == null || only.isEmpty()) return ALL;
        List<Experiment> out = new ArrayList<>();
        for (String id : only) {
            Experiment e = ALL.stream().filter(x -> x.id().equalsIgnoreCase(id.trim())).findFirst()
                    .orElseThrow(() -> new ParameterException(spec.commandLine(),
                            "unknown experiment '" + id + "' for --only (choose from E1, E2, E3, E4, E5, E6)"));
            if (!out.contains(e)) out.add(e);
        }
        return out;
    }

    private String checkUrl(String text) {
        String u = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        try {
            URI uri = URI.create(u);
            if (("http".equals(uri.getScheme())) && uri.getHost() != null) return u;
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--url must be an http://host:port URL, not '" + text + "'");
    }

    private static void reachable(String target) {
        Sample s = Http.burst(target, List.of("/ping"), Duration.ofSeconds(5)).get(0);
        if (s.error() != null) throw new LabException("cannot reach " + target + ": " + s.error());
        if (!s.ok() || !s.body().contains("pong")) {
            throw new LabException(target + "/ping answered " + s.status() + " " + abbreviate(s.body())
                    + ": not a seed-contract server");
        }
    }

    private static Outcome runOne(Experiment e, Lab lab) {
        try {
            return e.run(lab);
        } catch (RuntimeException ex) {
            // A server that fails to start or answers garbage: one line, then on with the next experiment,
            // so that what did work still reaches the report.
            String msg = ex instanceof LabException || ex.getMessage() == null
                    ? String.valueOf(ex.getMessage()) : ex.getClass().getSimpleName() + ": " + ex.getMessage();
            Section empty = new Section(e.id(), e.id() + " (did not complete)", "", List.of(), "", List.of(), List.of(), List.of());
            return new Outcome(empty, null, null, msg);
        }
    }

    private static void print(PrintWriter out, Outcome o, String verdict) {
        Section s = o.section();
        out.println();
        out.println(s.id() + "  " + s.title());
        if (!s.seed().isEmpty()) out.println("    seed (FastAPI): " + s.seed());
        for (String f : s.findings()) out.println("    " + f);
        if (!s.why().isEmpty()) out.println("    why: " + s.why());
        if (!s.rows().isEmpty()) out.print(TextTable.render(s.header(), s.rows(), "    "));
        out.println("    => " + verdict);
        out.flush();
    }

    private void writeReport(Scale s, String target, FastApi fastapi, List<Section> sections, Map<String, String> verdicts,
                             PrintWriter out, PrintWriter err) {
        String brisk = "against Brisk in its FastAPI-parity setting (one event loop, a pool of 40 worker threads) and in its "
                + "default setting (a loop per core, a virtual thread per request)";
        List<String> intro = List.of(
                "The five seed posts measured FastAPI's two execution lanes. Each experiment below runs the same requests "
                        + (target != null ? "against " + target + "."
                        : fastapi != null ? "against FastAPI itself (the seed app in benchmarks/fastapi/app.py, " + fastapi.describe()
                        + ", one worker), measured in this run on this machine, then " + brisk + ". Parity is judged against "
                        + "the measured FastAPI, and so is default; the seed post's own observation stays as the historical reference."
                        : brisk + ". FastAPI was not measured in this run (see the lab's output); the seed post is the reference."),
                "Each timeline has one row per request, drawn from when it was sent to when it was answered, coloured as its "
                        + "legend says (for E1, by the server thread that ran it). Scale: " + s.describe() + ".");
        try {
            Html.write(report, "Brisk lab: the seed experiments", intro, sections, verdicts);
            out.println("report: " + report.toAbsolutePath());
        } catch (IOException e) {
            err.println("brisk lab: cannot write the report to " + report + ": " + e.getMessage());
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String abbreviate(String body) {
        String one = body.replaceAll("\\s+", " ").trim();
        return one.length() > 60 ? "'" + one.substring(0, 60) + "...'" : "'" + one + "'";
    }
}
