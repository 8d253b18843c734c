package dev.brisk.lab.report;

import java.util.List;

/**
 * Everything the report shows for one experiment.
 *
 * @param id {@code E1} ... {@code E5}
 * @param title one line: what the experiment does
 * @param seed what the seed post observed with FastAPI, with its numbers
 * @param findings lines such as {@code parity: ...}, {@code default: ...} with measured numbers
 * @param why the one-line explanation
 * @param header the summary table's column names
 * @param rows the summary table
 * @param charts the timelines
 */
public record Section(String id, String title, String seed, List<String> findings, String why,
                      List<String> header, List<List<String>> rows, List<Chart> charts) {
    public Section {
        findings = List.copyOf(findings);
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        charts = List.copyOf(charts);
    }
}
