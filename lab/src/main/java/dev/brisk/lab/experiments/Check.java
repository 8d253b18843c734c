package dev.brisk.lab.experiments;

/**
 * One judged comparison: whether it held, and the figures it compared with their tolerances, so the
 * reader can check the verdict (e.g. {@code /sync-test 3.02 vs 3.10 x the sleep (within 0.5): same}).
 */
record Check(boolean ok, String says) {
    static Check all(Check... checks) {
        boolean ok = true;
        StringBuilder sb = new StringBuilder();
        for (Check c : checks) {
            ok &= c.ok;
            if (!sb.isEmpty()) sb.append("; ");
            sb.append(c.says).append(c.ok ? "" : " [NO]");
        }
        return new Check(ok, sb.toString());
    }

    static Check of(boolean ok, String says) {
        return new Check(ok, says);
    }
}
