package dev.brisk.lab.experiments;

import java.util.ArrayList;
import java.util.List;

/** Aligned plain-text tables for the terminal. */
final class TextTable {
    private TextTable() {}

    static String render(List<String> header, List<List<String>> rows, String indent) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] width = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size() && i < width.length; i++) width[i] = Math.max(width[i], row.get(i).length());
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < all.size(); r++) {
            sb.append(indent);
            List<String> row = all.get(r);
            for (int i = 0; i < row.size() && i < width.length; i++) {
                sb.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), width[i] + 2));
            }
            sb.append('\n');
            if (r == 0) {
                sb.append(indent);
                for (int w : width) sb.append("-".repeat(w)).append("  ");
                sb.setLength(sb.length() - 2);
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
