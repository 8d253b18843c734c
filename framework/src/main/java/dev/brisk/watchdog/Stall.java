package dev.brisk.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One stall the watchdog saw: an event loop that did not get back to its queue for at least the
 * threshold, or a worker-lane request that ran past its limit.
 *
 * @param kind where the stall happened
 * @param thread the stalled thread's name, e.g. {@code brisk-loop-1}
 * @param route the route that was running, e.g. {@code GET /async}, or {@code null} if unknown
 * @param duration how long the stall lasted (or had lasted when reported, for worker stalls)
 * @param startedAt wall-clock time the stall began
 * @param stack the stalled thread's stack, captured <em>during</em> the stall
 */
public record Stall(Kind kind, String thread, String route, Duration duration, Instant startedAt,
                    List<StackTraceElement> stack) {

    /** Loop stalls block every connection on that loop; worker stalls only their own request. */
    public enum Kind { LOOP, WORKER }

    /** One line: {@code event loop brisk-loop-1 blocked for 2003 ms by GET /async}. */
    public String summary() {
        String what = kind == Kind.LOOP ? "event loop " + thread + " blocked for " : "worker " + thread + " busy for ";
        return what + duration.toMillis() + " ms" + (route == null ? " (outside any route)" : " by " + route);
    }

    /** The stack as text, one frame a line, indented like a Java stack trace. */
    public String stackText() {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : stack) sb.append("\tat ").append(e).append('\n');
        return sb.toString();
    }
}
