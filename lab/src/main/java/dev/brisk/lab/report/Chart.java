package dev.brisk.lab.report;

import java.util.List;

/**
 * One timeline of an experiment run: a row per request, coloured by {@link Bar#key()}.
 *
 * @param title e.g. {@code parity: 10 x GET /async}
 * @param keyName what the colours mean, e.g. {@code thread that served it}
 * @param bars the rows, top to bottom
 */
public record Chart(String title, String keyName, List<Bar> bars) {
    public Chart {
        bars = List.copyOf(bars);
    }
}
