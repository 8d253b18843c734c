package dev.brisk.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One stall the watchdog saw: an event loop that did not get back to its queue for at least the
 * threshold, or a worker-lane request that ran past its limit; with what kind of stall it was.
 *
 * @param kind where the stall happened
 * @param cause what kind of stall: the thread waited, computed, was paused by the JVM, or was not scheduled
 * @param thread the stalled thread's name, e.g. {@code brisk-loop-1}
 * @param route the route to blame, e.g. {@code GET /async}; {@code null} when no route's code caused it
 *              (a GC pause, an overloaded machine, Brisk's or Netty's own work)
 * @param call the call the thread was blocked in or computing at, e.g. {@code java.lang.Thread.sleep}
 * @param duration how long the stall lasted (or had lasted when reported, for worker stalls)
 * @param startedAt wall-clock time the stall began
 * @param stack the stalled thread's stack, captured <em>during</em> the stall
 */
public record Stall(Kind kind, Cause cause, String thread, String route, String call, Duration duration,
                    Instant startedAt, List<StackTraceElement> stack) {

    /** Loop stalls block every connection on that loop; worker stalls only their own request. */
    public enum Kind { LOOP, WORKER }

    /** What the stalled thread was doing. Only {@code BLOCKED} and {@code BUSY} are code's fault. */
    public enum Cause {
        /** Waiting: sleep, socket, lock, park. {@link #call()} names the call. */
        BLOCKED,
        /** Computing: the thread's CPU time grew with the wall time. */
        BUSY,
        /** A garbage-collection pause covered the stall: the JVM stopped every thread. */
        PAUSED,
        /** Runnable but not running: the operating system did not schedule the thread (an overloaded machine). */
        STARVED;

        /** Lower-case, as in metrics labels and logs. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Whether the stall is the code's fault (blocked or busy), as opposed to the JVM's or the machine's. */
    public boolean codeCaused() {
        return cause == Cause.BLOCKED || cause == Cause.BUSY;
    }

    /**
     * One line: {@code event loop brisk-loop-1 blocked for 203 ms by GET /async (in java.lang.Thread.sleep)},
     * {@code event loop brisk-loop-1 paused for 120 ms (a garbage-collection pause; no route to blame)}.
     */
    public String summary() {
        String what = kind == Kind.LOOP ? "event loop " + thread + " " : "worker " + thread + " ";
        String verb = switch (cause) {
            case BLOCKED -> kind == Kind.LOOP ? "blocked" : "busy";
            case BUSY -> "busy";
            case PAUSED -> "paused";
            case STARVED -> "not scheduled";
        };
        String why = switch (cause) {
            case BLOCKED -> call == null ? "" : " (in " + call + ")";
            case BUSY -> call == null ? " (computing)" : " (computing in " + call + ")";
            case PAUSED -> " (a garbage-collection pause; no route to blame)";
            case STARVED -> " (runnable but not running: the machine is overloaded; no route to blame)";
        };
        String by = route != null ? " by " + route : codeCaused() ? " (outside any route)" : "";
        return what + verb + " for " + duration.toMillis() + " ms" + by + why;
    }

    /** The stack as text, one frame a line, indented like a Java stack trace. */
    public String stackText() {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : stack) sb.append("\tat ").append(e).append('\n');
        return sb.toString();
    }
}
