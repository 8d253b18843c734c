package dev.brisk.bench.jmh;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and bytes per request of {@link ObservedDispatchBenchmark}'s dispatch, per observer set,
 * measured as the <em>thread's</em> CPU time (plus the batch span processor's thread, which turns spans
 * into span data off the request path) rather than wall time: on a shared, loaded machine a thread's CPU
 * time per request moves far less than JMH's ns/op, since waiting for a core is not counted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.brisk.bench.jmh.ObservedCost [requests per round, default 1000000] [observer sets, default all of them: none,ids,...]
 * </pre>
 */
public final class ObservedCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private ObservedCost() {}

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        List<String> uris = List.of("/plaintext", "/json", "/items/42?q=abc&limit=5");
        System.out.printf("%-10s %-26s %12s %12s %14s %12s%n", "observe", "uri", "CPU ns/req", "B/req", "exporter ns/req", "exporter B/req");
        List<String> sets = args.length > 1 ? List.of(args[1].split(","))
                : List.of("none", "ids", "metrics", "tracing", "all", "sampled", "head");
        for (String observe : sets) {
            ObservedDispatchBenchmark b = new ObservedDispatchBenchmark();
            b.observe = observe;
            b.setUp();
            try {
                for (String uri : uris) {
                    for (int i = 0; i < n; i++) b.run(uri); // warm-up: C2 and escape analysis in place
                    long me = Thread.currentThread().threadId();
                    long cpu0 = THREADS.getCurrentThreadCpuTime(), alloc0 = THREADS.getThreadAllocatedBytes(me);
                    Map<Long, long[]> ex0 = exporter();
                    for (int i = 0; i < n; i++) b.run(uri);
                    long cpu = THREADS.getCurrentThreadCpuTime() - cpu0, alloc = THREADS.getThreadAllocatedBytes(me) - alloc0;
                    long[] ex = delta(ex0, exporter());
                    System.out.printf("%-10s %-26s %12.0f %12.0f %14.0f %12.0f%n", observe, uri, (double) cpu / n, (double) alloc / n,
                            (double) ex[0] / n, (double) ex[1] / n);
                }
            } finally {
                b.tearDown();
            }
        }
    }

    /** CPU nanoseconds and bytes allocated so far by each batch span processor thread, by thread id. */
    private static Map<Long, long[]> exporter() {
        Map<Long, long[]> out = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.getName().startsWith("BatchSpanProcessor")) continue;
            out.put(t.threadId(), new long[] {THREADS.getThreadCpuTime(t.threadId()), THREADS.getThreadAllocatedBytes(t.threadId())});
        }
        return out;
    }

    /** What the threads seen at both ends did in between (a closed observer set's thread may still be dying at the start). */
    private static long[] delta(Map<Long, long[]> before, Map<Long, long[]> after) {
        long cpu = 0, alloc = 0;
        for (Map.Entry<Long, long[]> e : after.entrySet()) {
            long[] b = before.get(e.getKey());
            if (b == null || b[0] < 0 || e.getValue()[0] < 0) continue;
            cpu += e.getValue()[0] - b[0];
            alloc += e.getValue()[1] - b[1];
        }
        return new long[] {cpu, alloc};
    }
}
