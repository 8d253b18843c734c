package dev.brisk.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlTest {
    private static final Section SECTION = new Section("E1", "ten <requests> & one sleeper", "the seed saw \"this\"",
            List.of("parity: waited"), "because", List.of("setting", "threads"), List.of(List.of("parity", "1")),
            List.of(new Chart("parity: GET /async", "thread that served it", List.of(
                    new Bar("#1 GET /async", 0, 10, "brisk-loop-1", "10 ms"),
                    new Bar("#2 GET /async", 1, 2000, "brisk-loop-1", "2000 ms - waited"),
                    new Bar("#3 GET /async", 2, 900, "timeout", "")))));

    @Test
    void oneSelfContainedPageWithARectPerRequestAndALegendPerKey() {
        String html = Html.render("Brisk lab", List.of("intro"), List.of(SECTION), Map.of("E1", "parity reproduces the seed"));

        assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("src=")
                .doesNotContain("href=\"http");
        assertThat(count(html, "<rect class=\"req\"")).isEqualTo(3);
        assertThat(html).contains("ten &lt;requests&gt; &amp; one sleeper").contains("the seed saw &quot;this&quot;")
                .contains("brisk-loop-1 (2)").contains("timeout (1)")
                .contains("#2 GET /async: sent at 1 ms, answered at 2000 ms (1999 ms) - brisk-loop-1")
                .contains("class=\"good\">parity reproduces the seed");
    }

    @Test
    void timeoutsAreRedAndOtherKeysGetDistinctColours() {
        Map<String, String> colours = Svg.colours(List.of(new Bar("a", 0, 1, "x", ""), new Bar("b", 0, 1, "timeout", ""),
                new Bar("c", 0, 1, "y", "")));

        assertThat(colours.get("timeout")).isEqualTo("#c0392b");
        assertThat(colours.get("x")).isNotEqualTo(colours.get("y"));
    }

    @Test
    void aLegendOfHundredsOfThreadsListsTheFirstAndCountsTheRestWhileEveryBarKeepsItsThreadInItsTooltip() {
        List<Bar> bars = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) bars.add(new Bar("GET /query", i, 60 + i, "brisk-vworker-" + i + " #" + (100 + i), "60 ms"));
        Section e6 = new Section("E6", "database", "", List.of(), "", List.of(), List.of(),
                List.of(new Chart("default: 200 x GET /query", "thread that served it", bars)));
        String html = Html.render("Brisk lab", List.of("intro"), List.of(e6), Map.of());

        assertThat(count(html, "<span><i style=")).isEqualTo(Html.LEGEND);
        assertThat(html).contains("brisk-vworker-23 #123 (1)").doesNotContain("brisk-vworker-24 #124 (1)")
                .contains("... and " + (200 - Html.LEGEND) + " more (hover a bar to see its own)")
                .contains("answered at 259 ms (60 ms) - brisk-vworker-199 #299");
        assertThat(count(html, "<rect class=\"req\"")).isEqualTo(200);
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
