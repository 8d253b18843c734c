package dev.brisk.tfb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** TechEmpower's rules that both implementations share: the query count, random ids, the fortunes list. */
public final class Tfb {
    public static final int WORLD_ROWS = 10_000;
    public static final String SELECT_FORTUNES = "SELECT id, message FROM fortune";
    public static final String ADDED_FORTUNE = "Additional fortune added at request time.";

    private Tfb() {
    }

    /**
     * TFB's {@code queries}/{@code count} parameter: missing or not an integer means 1, and the value is
     * clamped to 1..500 (a lenient rule the benchmark's verifier checks, so no 422 here).
     */
    public static int count(String raw) {
        if (raw == null) return 1;
        try {
            return Math.clamp(Long.parseLong(raw.trim()), 1, 500);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** A random row id, 1..10,000. */
    public static int randomId() {
        return ThreadLocalRandom.current().nextInt(1, WORLD_ROWS + 1);
    }

    /** {@code n} random row ids. */
    public static int[] randomIds(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) ids[i] = randomId();
        return ids;
    }

    /** The rows with the request-time fortune added, sorted by message: what the template shows. */
    public static List<Fortune> withAddedAndSorted(List<Fortune> rows) {
        List<Fortune> all = new ArrayList<>(rows.size() + 1);
        all.addAll(rows);
        all.add(new Fortune(0, ADDED_FORTUNE));
        Collections.sort(all);
        return all;
    }

    /** New random numbers for rows read by {@code /updates}, sorted by id so concurrent batches never deadlock. */
    public static List<World> changed(List<World> read) {
        List<World> out = new ArrayList<>(read.size());
        for (World w : read) {
            int n;
            do {
                n = randomId();
            } while (n == w.randomNumber());   // TFB checks that the rows really changed
            out.add(new World(w.id(), n));
        }
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }
}
