package dev.brisk.params;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An error location built as a cheap linked path while binding; turned into pydantic's {@code loc}
 * list only when an error is reported.
 */
final class Loc {
    private final Loc parent;
    private final Object key;

    private Loc(Loc parent, Object key) {
        this.parent = parent;
        this.key = key;
    }

    static Loc of(Object... keys) {
        Loc l = null;
        for (Object k : keys) l = new Loc(l, k);
        return l;
    }

    Loc child(Object k) {
        return new Loc(this, k);
    }

    List<Object> list() {
        List<Object> out = new ArrayList<>();
        for (Loc l = this; l != null; l = l.parent) out.add(l.key);
        Collections.reverse(out);
        return out;
    }

    /** This path followed by {@code more} (e.g. a bean-validation property path). */
    List<Object> list(List<Object> more) {
        List<Object> out = list();
        out.addAll(more);
        return out;
    }
}
