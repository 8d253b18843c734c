package dev.brisk.bench;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.examples.seed.SeedApp;
import dev.brisk.examples.seed.SeedOptions;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * What one echoed message or one answered request costs a server, measured so that a busy machine
 * does not change the answer much: the server runs in this JVM, and the figures are its event-loop
 * thread's CPU time and allocated bytes per unit of work (JMX per-thread counters), not a rate.
 * Other threads of the server (the watchdog, virtual threads' carriers, JIT and GC are outside) are
 * reported separately; the in-process WebSocket client's own threads ({@code wsload-*}) are left out.
 *
 * <ul>
 *   <li>{@code --load ws}: {@link WsLoad} throughput mode, 100 connections, one 32-byte binary message
 *       in flight each, against {@code /ws/echo} (brisk: the seed app's loop-lane echo; brisk-sync: its
 *       worker-lane echo; vertx: {@link VertxServer}'s echo). Unit: one echoed message.</li>
 *   <li>{@code --load h1}: wrk, 128 connections, {@code /plaintext}. Unit: one request.</li>
 *   <li>{@code --load h2c}: h2load, 4 connections x 100 streams, {@code /plaintext} (prior knowledge). Unit: one request.</li>
 *   <li>{@code --load static}: wrk, 4 connections, a 100 MB file from {@code /static} (brisk: {@code StaticFiles};
 *       netty: {@link RawNettyServer}'s {@code DefaultFileRegion}). Unit: one MB read by wrk.</li>
 * </ul>
 *
 * <p>{@code --jfr FILE} also records the measured window with JFR (execution samples every 2 ms,
 * allocation samples) and prints, for the event-loop thread only, the share of CPU samples by the
 * top frame's code base and the allocation by class and by the first Brisk (or server) frame that
 * made it: the evidence for what to cut.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.brisk.bench.ServerCost --server
 * brisk|brisk-sync|vertx|netty --load ws|h1|h2c|static [--seconds 10] [--warmup 8] [--transport epoll|io_uring|nio]
 * [--observe none|metrics|all] [--jfr FILE]}
 */
public final class ServerCost {
    private ServerCost() {}

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String server = a.string("server", "brisk");
        String load = a.string("load", "ws");
        int seconds = a.integer("seconds", 10);
        int warmup = a.integer("warmup", 8);
        String transport = a.string("transport", "epoll");
        String jfr = a.string("jfr", null);
        System.setProperty("brisk.transport", transport);
        // the seed app's observability, as benchmarks/run's "brisk" row runs it (none); metrics|all to compare
        System.setProperty("brisk.observe", a.string("observe", "none"));
        int port = freePort();
        Path files = null;
        if (load.equals("static")) {
            files = java.nio.file.Files.createTempDirectory("server-cost");
            byte[] mb = new byte[1 << 20];
            new java.util.Random(7).nextBytes(mb);
            try (var out = java.nio.file.Files.newOutputStream(files.resolve("big.bin"))) {
                for (int i = 0; i < 100; i++) out.write(mb);
            }
        }
        AutoCloseable stop = start(server, port, transport, files);
        String loopPrefix = server.startsWith("brisk") ? "brisk-loop-" : server.equals("netty") ? "raw-netty-loop" : "vert.x-eventloop-thread-";
        try {
            run(load, server, port, warmup);
            Map<Long, long[]> before = ThreadStats.snapshot();
            long process0 = processCpu();
            Recording rec = null;
            if (jfr != null) {
                rec = new Recording(Configuration.getConfiguration("profile"));
                rec.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
                rec.enable("jdk.ObjectAllocationSample").with("throttle", "2000/s");
                rec.start();
            }
            long units = run(load, server, port, seconds);
            long process1 = processCpu();
            Map<Long, long[]> after = ThreadStats.snapshot();
            if (rec != null) {
                rec.stop();
                rec.dump(Path.of(jfr));
                rec.close();
            }
            ThreadStats.Sums s = ThreadStats.diff(before, after, loopPrefix, "wsload-");
            double u = Math.max(1, units);
            System.out.printf("COST server=%s load=%s transport=%s units=%d loop_cpu_ns=%.0f loop_alloc_bytes=%.0f"
                            + " other_threads_cpu_ns=%.0f other_threads_alloc_bytes=%.0f process_minus_client_cpu_ns=%.0f%n",
                    server, load, transport, units, s.loopCpu() / u, s.loopAlloc() / u, s.otherCpu() / u, s.otherAlloc() / u,
                    (process1 - process0 - s.clientCpu()) / u);
            if (jfr != null) JfrShares.print(Path.of(jfr), loopPrefix, units);
        } finally {
            stop.close();
            if (files != null) {
                java.nio.file.Files.deleteIfExists(files.resolve("big.bin"));
                java.nio.file.Files.deleteIfExists(files);
            }
            System.exit(0);
        }
    }

    private static AutoCloseable start(String server, int port, String transport, Path files) throws Exception {
        switch (server) {
            case "brisk", "brisk-sync" -> {
                Brisk app = SeedApp.create(new BriskConfig().host("127.0.0.1").port(port).loops(1).accessLog(false),
                        SeedOptions.defaults());
                if (files != null) app.mount("/static", dev.brisk.StaticFiles.directory(files)); // as ./brisk seed --static-dir
                app.start();
                return app::stop;
            }
            case "netty" -> {
                List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port), "--transport", transport));
                if (files != null) args.addAll(List.of("--static-dir", files.toString()));
                Thread t = new Thread(() -> {
                    try {
                        RawNettyServer.main(args.toArray(String[]::new));
                    } catch (Exception e) {
                        e.printStackTrace();
                    }
                }, "raw-netty-main");
                t.setDaemon(true);
                t.start();
                for (int i = 0; i < 100; i++) {
                    try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                        break;
                    } catch (IOException notYet) {
                        Thread.sleep(100);
                    }
                }
                return () -> { }; // the JVM exits after the report
            }
            case "vertx" -> {
                Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true).setEventLoopPoolSize(1));
                vertx.deployVerticle(() -> new VertxServer("127.0.0.1", port, 100), new DeploymentOptions().setInstances(1))
                        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
                return () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            default -> throw new IllegalArgumentException("--server brisk|brisk-sync|vertx|netty, not " + server);
        }
    }

    /** Runs the load for {@code seconds}; returns the units of work done (messages echoed, requests answered). */
    private static long run(String load, String server, int port, int seconds) throws Exception {
        String base = "127.0.0.1:" + port;
        switch (load) {
            case "ws" -> {
                String path = server.equals("brisk-sync") ? "/ws/echo-sync" : "/ws/echo";
                String line = new WsLoad("throughput", 32, 1, 1).run(URI.create("ws://" + base + path), 100, seconds, 0, 1, 100);
                return Long.parseLong(field(line, "total_received"));
            }
            case "h1" -> {
                String out = exec("wrk", "-t1", "-c128", "-d" + seconds + "s", "http://" + base + "/plaintext");
                return Long.parseLong(match(out, "(\\d+) requests in"));
            }
            case "h2c" -> {
                String out = exec("h2load", "-t1", "-c4", "-m100", "-D", String.valueOf(seconds), "http://" + base + "/plaintext");
                return Long.parseLong(match(out, "requests: \\d+ total, \\d+ started, \\d+ done, (\\d+) succeeded"));
            }
            case "static" -> {
                // unit: one MB sent (wrk reads whole and partial 100 MB responses; count the bytes)
                String out = exec("wrk", "-t1", "-c4", "-d" + seconds + "s", "--timeout", "20s", "http://" + base + "/static/big.bin");
                Matcher m = Pattern.compile("requests in [0-9.]+\\w+, ([0-9.]+)(B|KB|MB|GB) read").matcher(out);
                if (!m.find()) throw new IllegalStateException("unexpected wrk output:\n" + out);
                double scale = switch (m.group(2)) { case "GB" -> 1024; case "MB" -> 1; case "KB" -> 1.0 / 1024; default -> 1.0 / (1 << 20); };
                return Math.round(Double.parseDouble(m.group(1)) * scale);
            }
            default -> throw new IllegalArgumentException("--load ws|h1|h2c|static, not " + load);
        }
    }

    private static String field(String line, String key) {
        for (String p : line.split(" ")) if (p.startsWith(key + "=")) return p.substring(key.length() + 1);
        throw new IllegalStateException("no " + key + " in " + line);
    }

    private static String match(String out, String regex) {
        Matcher m = Pattern.compile(regex).matcher(out);
        if (!m.find()) throw new IllegalStateException("unexpected load output:\n" + out);
        return m.group(1);
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        for (String line : out.split("\n")) {
            if (line.contains("requests") || line.contains("finished in") || line.contains("Socket errors")) System.err.println(cmd[0] + ": " + line.trim());
        }
        return out;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Per-thread CPU time and allocated bytes from JMX. */
    static final class ThreadStats {
        record Sums(long loopCpu, long loopAlloc, long otherCpu, long otherAlloc, long clientCpu) {}

        private static final Map<Long, String> NAMES = new HashMap<>();

        /** Thread id -> {cpu ns, allocated bytes}. */
        static synchronized Map<Long, long[]> snapshot() {
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            List<Thread> threads = new ArrayList<>(Thread.getAllStackTraces().keySet());
            Map<Long, long[]> out = new HashMap<>();
            for (Thread t : threads) {
                long id = t.threadId();
                NAMES.put(id, t.getName());
                out.put(id, new long[] {mx.getThreadCpuTime(id), mx.getThreadAllocatedBytes(id)});
            }
            return out;
        }

        static synchronized Sums diff(Map<Long, long[]> before, Map<Long, long[]> after, String loopPrefix, String clientPrefix) {
            long loopCpu = 0, loopAlloc = 0, otherCpu = 0, otherAlloc = 0, clientCpu = 0;
            for (Map.Entry<Long, long[]> e : after.entrySet()) {
                long[] b = before.getOrDefault(e.getKey(), new long[2]);
                long cpu = Math.max(0, e.getValue()[0] - b[0]), alloc = Math.max(0, e.getValue()[1] - b[1]);
                String name = NAMES.getOrDefault(e.getKey(), "");
                if (name.startsWith(loopPrefix)) {
                    loopCpu += cpu;
                    loopAlloc += alloc;
                } else if (name.startsWith(clientPrefix) || name.equals("main")) {
                    clientCpu += cpu;
                } else {
                    otherCpu += cpu;
                    otherAlloc += alloc;
                }
            }
            return new Sums(loopCpu, loopAlloc, otherCpu, otherAlloc, clientCpu);
        }
    }
}
