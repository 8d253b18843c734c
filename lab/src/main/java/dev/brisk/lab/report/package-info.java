/**
 * The lab's HTML report: one self-contained file (inline CSS and SVG, no scripts, no external assets).
 * Per experiment: what the seed saw, what Brisk did, why, the summary table, and a timeline per run
 * with one row per request, a bar from send to answer, coloured by a key the chart names (for E1 the
 * thread that served the request), so who waited for whom is visible at a glance. The charts of one
 * experiment share their time axis.
 *
 * <pre>{@code
 * Html.write(Path.of("lab-report.html"), "Brisk lab", intro, sections, verdicts);
 * }</pre>
 */
package dev.brisk.lab.report;
