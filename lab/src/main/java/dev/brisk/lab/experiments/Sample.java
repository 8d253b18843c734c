package dev.brisk.lab.experiments;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One request the lab sent: when (ms after the burst began), what came back, and which server
 * thread answered it (the seed contract's {@code thread_name} field, when the route reports it).
 *
 * @param index send order, from 0
 * @param path the request target
 * @param startMs send time
 * @param endMs answer time, or the time the client gave up
 * @param status HTTP status, or 0 when no answer came (see {@code error})
 * @param body the answer body (empty without an answer)
 * @param error {@code null}, or why there was no answer: {@code timeout}, {@code refused}, ...
 */
public record Sample(int index, String path, double startMs, double endMs, int status, String body, String error) {
    private static final Pattern THREAD = Pattern.compile("\"thread_name\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern THREAD_ID = Pattern.compile("\"thread_id\"\\s*:\\s*(\\d+)");
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    public double latencyMs() {
        return endMs - startMs;
    }

    public boolean ok() {
        return status == 200;
    }

    public boolean timedOut() {
        return "timeout".equals(error);
    }

    /** The serving thread's name from the JSON body, or {@code null}. */
    public String threadName() {
        Matcher m = THREAD.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Which thread served it, as {@code name #id} (the seed printed thread ids; Python's pool threads
     * all share one name, so the name alone would not tell them apart), or {@code null}.
     */
    public String threadKey() {
        String name = threadName();
        Matcher m = THREAD_ID.matcher(body);
        return name == null ? null : m.find() ? name + " #" + m.group(1) : name;
    }

    /** The seed-000 request counter from the body, or -1. */
    public int count() {
        Matcher m = COUNT.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Seed 000's blocking request says so in its message. */
    public boolean slept() {
        return body.contains("(sleep)");
    }

    /** {@code 200}, {@code timeout}, {@code 503} ...: what the answer was, in one word. */
    public String outcome() {
        return error != null ? error : String.valueOf(status);
    }
}
