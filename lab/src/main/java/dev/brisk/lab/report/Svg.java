package dev.brisk.lab.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws one {@link Chart} as inline SVG: a row per request, a bar from send to answer, a colour per key. */
final class Svg {
    static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
        "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#17becf"};
    private static final int LABEL_W = 190;
    private static final int PLOT_W = 760;
    private static final int NOTE_W = 300;
    private static final int TOP = 28;

    private Svg() {}

    /** Colour per key, in order of first appearance (errors always red-ish). */
    static Map<String, String> colours(List<Bar> bars) {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        for (Bar b : bars) {
            if (out.containsKey(b.key())) continue;
            boolean bad = b.key().equals("timeout") || b.key().contains("error") || b.key().equals("refused");
            out.put(b.key(), bad ? "#c0392b" : PALETTE[i++ % PALETTE.length]);
        }
        return out;
    }

    /** {@code maxMs}: the time axis' end, shared by the charts of one experiment so they compare at a glance. */
    static String render(Chart chart, Map<String, String> colours, double maxMs) {
        List<Bar> bars = chart.bars();
        int rowH = bars.size() <= 20 ? 18 : bars.size() <= 60 ? 10 : 6;
        double step = niceStep(maxMs / 8);
        double scaleMax = Math.ceil(maxMs / step) * step;
        int height = TOP + bars.size() * rowH + 24;
        int width = LABEL_W + PLOT_W + NOTE_W;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        for (double t = 0; t <= scaleMax + step / 2; t += step) {
            double x = LABEL_W + t / scaleMax * PLOT_W;
            sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>"
                    + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>%n",
                    x, TOP - 6, x, height - 20, x, TOP - 10, tick(t, step)));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            int y = TOP + i * rowH;
            double x0 = LABEL_W + b.startMs() / scaleMax * PLOT_W;
            double w = Math.max(1.5, b.durationMs() / scaleMax * PLOT_W);
            String tip = String.format(Locale.ROOT, "%s: sent at %.0f ms, answered at %.0f ms (%.0f ms) - %s",
                    b.label(), b.startMs(), b.endMs(), b.durationMs(), b.key());
            if (rowH >= 10) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#333\">%s</text>",
                        LABEL_W - 6, y + rowH - 4, Html.esc(b.label())));
            }
            sb.append(String.format(Locale.ROOT, "<rect class=\"req\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                    + "fill=\"%s\"><title>%s</title></rect>", x0, y + 1, w, rowH - 2, colours.get(b.key()), Html.esc(tip)));
            if (rowH >= 10 && !b.note().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#333\">%s</text>",
                        x0 + w + 4, y + rowH - 4, Html.esc(b.note())));
            }
            sb.append('\n');
        }
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">time since the burst began</text>%n",
                LABEL_W, height - 6));
        sb.append("</svg>\n");
        return sb.toString();
    }

    static double maxMs(List<Chart> charts) {
        return Math.max(1, charts.stream().flatMap(c -> c.bars().stream()).mapToDouble(Bar::endMs).max().orElse(1));
    }

    static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-3))));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) if (raw <= m * mag) return m * mag;
        return 10 * mag;
    }

    private static String tick(double ms, double step) {
        if (step >= 1000 && step % 1000 == 0) return String.format(Locale.ROOT, "%.0f s", ms / 1000);
        if (step >= 100) return String.format(Locale.ROOT, step % 100 == 0 ? "%.1f s" : "%.2f s", ms / 1000);
        return String.format(Locale.ROOT, "%.0f ms", ms);
    }
}
