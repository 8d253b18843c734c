/**
 * {@code ./brisk lab}: the five seed experiments, reproduced.
 *
 * <p>Each experiment ({@code E1}..{@code E5}, one class each) runs against, in turn: FastAPI itself (the
 * bundled seed app, {@code benchmarks/fastapi/app.py}, under uvicorn in a Python process the lab starts
 * and stops: {@link dev.brisk.lab.experiments.FastApi}), the seed app in-process in the FastAPI-parity
 * setting ({@code --loops 1 --worker pool:40}) and in Brisk's default (a loop per core, virtual threads),
 * each beside the same slow upstream on free ports; or a running seed-contract server ({@code --url}).
 * It fires the seed's requests all at once with the JDK HTTP client, recording each request's send and
 * answer time and the serving thread from the JSON body, and returns an
 * {@link dev.brisk.lab.experiments.Outcome}: the seed's own observation, the measured rows (three per
 * route), a one-line why, and the verdicts (parity matches FastAPI; default does better; and whether
 * FastAPI here behaved as the seed post saw), judged by the experiment's {@link dev.brisk.lab.experiments.Findings.Rules}.
 * Without Python's FastAPI (or with {@code --no-fastapi}) parity is judged against the seed post instead.
 * {@link dev.brisk.lab.experiments.LabCommand} prints them and hands the sections to {@link dev.brisk.lab.report.Html}.
 *
 * <p>A new experiment with its own FastAPI rows (E6's sync and async database drivers) passes
 * {@link dev.brisk.lab.experiments.FastApiVariant}s to {@code Findings.eachSetting(lab, variants, body)}.
 *
 * <p>Durations come from a {@link dev.brisk.lab.experiments.Scale}: scaled down by default (the whole
 * lab in well under a minute), the seeds' originals with {@code --faithful}, tiny with {@code --quick}
 * (what the tests use). Verdicts compare ratios (wall time over the sleep, orderings), never absolute
 * times, so a busy machine shifts numbers but not conclusions.
 *
 * <pre>{@code
 * ./brisk lab --only E1,E5 --report lab-report.html
 * }</pre>
 */
package dev.brisk.lab.experiments;
