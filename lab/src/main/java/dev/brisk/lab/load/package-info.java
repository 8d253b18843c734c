/**
 * The load client behind {@code brisk load}: a wrk/wrk2-like HTTP/1.1 load generator on Netty.
 *
 * <ul>
 *   <li>{@link dev.brisk.lab.load.LoadSpec} — what to load (built and validated with a builder);</li>
 *   <li>{@link dev.brisk.lab.load.LoadRun#run(LoadSpec)} — runs it, blocking, bounded in time and count;</li>
 *   <li>{@link dev.brisk.lab.load.LoadResult} — counts, an HdrHistogram of latencies, status codes, errors;</li>
 *   <li>{@link dev.brisk.lab.load.Report} — text and JSON renderings;</li>
 *   <li>{@link dev.brisk.lab.load.LoadCommand} — the picocli command.</li>
 * </ul>
 *
 * <p>Threading: each event loop owns its connections and counters outright (no locks, no shared
 * counters on the hot path); the loops share only the run's volatile stop flags and an atomic
 * request quota. Results are merged after the loops have terminated.
 */
package dev.brisk.lab.load;
