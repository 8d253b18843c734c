package dev.brisk.lab.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The lab's report: one self-contained HTML file (inline CSS and SVG, no scripts, no external assets),
 * a section per experiment with what the seed saw, what Brisk did, why, the summary table and the
 * timelines.
 *
 * <pre>{@code
 * Html.write(Path.of("lab-report.html"), "Brisk lab", List.of("scaled durations"), sections, verdicts);
 * }</pre>
 */
public final class Html {
    /** Keys listed in a chart's legend (colours cycle through Svg's 16 anyway). */
    static final int LEGEND = 24;
    private static final String CSS = """
            body{font-family:sans-serif;margin:24px;color:#222;max-width:1300px}
            h1{margin-bottom:4px} h2{border-bottom:2px solid #4e79a7;padding-bottom:4px;margin-top:40px}
            .seed{background:#fff8e1;border-left:4px solid #edc948;padding:8px 12px}
            .why{background:#eef5fb;border-left:4px solid #4e79a7;padding:8px 12px}
            .verdict{font-weight:bold} .bad{color:#c0392b} .good{color:#2e7d32}
            table{border-collapse:collapse;margin:12px 0} td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left}
            th{background:#f3f3f3} .chart{margin:18px 0} .chart h3{font-size:14px;margin:4px 0}
            .legend span{display:inline-block;margin-right:14px;font-size:12px}
            .legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
            """;

    private Html() {}

    /** Renders the whole report. {@code verdicts} maps a section id to its one-line verdict. */
    public static String render(String title, List<String> intro, List<Section> sections, Map<String, String> verdicts) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        sb.append("<title>").append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n");
        for (String line : intro) sb.append("<p>").append(esc(line)).append("</p>\n");
        sb.append("<ul>");
        for (Section s : sections) {
            sb.append("<li><a href=\"#").append(s.id()).append("\">").append(s.id()).append("</a> ").append(esc(s.title()))
                    .append(" - ").append(verdictSpan(verdicts.get(s.id()))).append("</li>");
        }
        sb.append("</ul>\n");
        for (Section s : sections) section(sb, s, verdicts.get(s.id()));
        return sb.append("</body></html>\n").toString();
    }

    public static void write(Path file, String title, List<String> intro, List<Section> sections, Map<String, String> verdicts)
            throws IOException {
        Files.writeString(file, render(title, intro, sections, verdicts), StandardCharsets.UTF_8);
    }

    private static void section(StringBuilder sb, Section s, String verdict) {
        sb.append("<section class=\"experiment\" id=\"").append(s.id()).append("\">\n<h2>").append(s.id()).append(". ")
                .append(esc(s.title())).append("</h2>\n");
        sb.append("<p class=\"verdict\">").append(verdictSpan(verdict)).append("</p>\n");
        sb.append("<p class=\"seed\"><b>The seed saw:</b> ").append(esc(s.seed())).append("</p>\n<ul>");
        for (String f : s.findings()) sb.append("<li>").append(esc(f)).append("</li>");
        sb.append("</ul>\n<p class=\"why\"><b>Why:</b> ").append(esc(s.why())).append("</p>\n<table><tr>");
        for (String h : s.header()) sb.append("<th>").append(esc(h)).append("</th>");
        sb.append("</tr>\n");
        for (List<String> row : s.rows()) {
            sb.append("<tr>");
            for (String cell : row) sb.append("<td>").append(esc(cell)).append("</td>");
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
        double maxMs = Svg.maxMs(s.charts());
        for (Chart c : s.charts()) {
            Map<String, String> colours = Svg.colours(c.bars());
            sb.append("<div class=\"chart\"><h3>").append(esc(c.title())).append("</h3><div class=\"legend\">colour = ")
                    .append(esc(c.keyName())).append(": ");
            // a legend of hundreds of threads (E6's virtual threads, one per request) reads as noise: the first
            // LEGEND keys, then how many more; every bar's tooltip still names its own
            colours.entrySet().stream().limit(LEGEND).forEach(e -> sb.append("<span><i style=\"background:").append(e.getValue())
                    .append("\"></i>").append(esc(e.getKey())).append(" (")
                    .append(c.bars().stream().filter(b -> b.key().equals(e.getKey())).count()).append(")</span>"));
            if (colours.size() > LEGEND) {
                sb.append("<span>... and ").append(colours.size() - LEGEND).append(" more (hover a bar to see its own)</span>");
            }
            sb.append("</div>\n").append(Svg.render(c, colours, maxMs)).append("</div>\n");
        }
        sb.append("</section>\n");
    }

    private static String verdictSpan(String verdict) {
        if (verdict == null) return "";
        boolean bad = verdict.contains("NOT") || verdict.startsWith("ERROR");
        return "<span class=\"" + (bad ? "bad" : "good") + "\">" + esc(verdict) + "</span>";
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
