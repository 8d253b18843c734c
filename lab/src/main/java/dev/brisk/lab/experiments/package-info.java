/**
 * {@code ./brisk lab}: the five seed experiments, reproduced.
 *
 * <p>Each experiment ({@code E1}..{@code E5}, one class each) starts the seed app and its slow upstream
 * in-process on free ports, once in the FastAPI-parity setting ({@code --loops 1 --worker pool:40}) and
 * once in Brisk's default (a loop per core, virtual threads), or targets a running seed-contract server
 * ({@code --url}); fires the seed's requests all at once with the JDK HTTP client, recording each
 * request's send and answer time and the serving thread from the JSON body; and returns an
 * {@link dev.brisk.lab.experiments.Outcome}: the seed's own numbers, the measured ones, a one-line why,
 * and two verdicts (parity reproduces the seed; default does better). {@link dev.brisk.lab.experiments.LabCommand}
 * prints them and hands the sections to {@link dev.brisk.lab.report.Html}.
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
