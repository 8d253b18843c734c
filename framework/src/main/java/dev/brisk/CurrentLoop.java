package dev.brisk;

/** Holder for {@link Loop#current()}; each loop thread registers itself once when the server starts. */
public final class CurrentLoop {
    private static final ThreadLocal<Loop> CURRENT = new ThreadLocal<>();

    private CurrentLoop() {}

    static Loop get() {
        return CURRENT.get();
    }

    /** Called by the server on each loop thread; not for applications. */
    public static void register(Loop loop) {
        CURRENT.set(loop);
    }
}
