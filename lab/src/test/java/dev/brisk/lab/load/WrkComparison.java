package dev.brisk.lab.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throwaway benchmark, not a test: {@code wrk -t1 -c N} against the load client with one event
 * loop and N connections, interleaved, on the same {@link PlaintextServer} (its own JVM, one
 * event loop) on 127.0.0.1. Bounded: every run lasts SECONDS, the server at most 10 minutes.
 *
 * <pre>java -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED \
 *     -cp lab/target/classes:lab/target/test-classes:CLASSPATH dev.brisk.lab.load.WrkComparison [N] [SECONDS] [ROUNDS]</pre>
 *
 * On a shared 2-core machine single rounds swing ±40 % with the other load: read the median.
 */
final class WrkComparison {
    private static final Pattern WRK_RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int seconds = Math.min(args.length > 1 ? Integer.parseInt(args[1]) : 10, 60);
        int rounds = Math.min(args.length > 2 ? Integer.parseInt(args[2]) : 3, 10);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                PlaintextServer.class.getName(), Integer.toString(port), "600")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            awaitPort(port);
            String url = "http://127.0.0.1:" + port + "/plaintext";
            wrk(connections, 3, url); // warms the server's JIT
            List<Double> ratios = new ArrayList<>();
            for (int i = 1; i <= rounds; i++) {
                double wrk = wrk(connections, seconds, url);
                LoadResult r = LoadRun.run(LoadSpec.builder(url).connections(connections).threads(1)
                        .duration(Duration.ofSeconds(seconds)).warmup(Duration.ofSeconds(3)).build());
                double ratio = r.requestsPerSecond() / wrk;
                ratios.add(ratio);
                System.out.printf(Locale.ROOT, "round %d, %d connections: wrk %.0f req/s, brisk load %.0f req/s"
                        + " (p50 %.3f ms, p99 %.3f ms, errors %d), ratio %.2f%n", i, connections, wrk,
                        r.requestsPerSecond(), r.p50Millis(), r.p99Millis(), r.errorCount(), ratio);
            }
            System.out.printf(Locale.ROOT, "median ratio %.2f%n", ratios.stream().sorted().toList().get(ratios.size() / 2));
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static double wrk(int connections, int seconds, String url) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", url)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(seconds + 30L, TimeUnit.SECONDS);
        Matcher m = WRK_RATE.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk said: " + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static void awaitPort(int port) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not start on port " + port);
    }
}
