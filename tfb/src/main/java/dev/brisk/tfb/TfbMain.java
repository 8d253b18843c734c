package dev.brisk.tfb;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.WorkerMode;

/**
 * Runs {@link TfbApp} for the benchmarks: {@code java -cp tfb-all.jar dev.brisk.tfb.TfbMain --driver jdbc|async
 * --port 8080 --db-port 5432 [--db-host 127.0.0.1] [--pool 16] [--db-conns C] [--loops 1] [--worker virtual|pool:T]}:
 * {@code --pool} sizes JDBC's pool, {@code --db-conns} the async driver's pipelined connections per loop
 * (default: {@code --pool}).
 */
public final class TfbMain {
    private TfbMain() {
    }

    public static void main(String[] argv) {
        java.util.Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            if (!argv[i].startsWith("--")) throw new IllegalArgumentException("expected --name value, got " + argv[i]);
            a.put(argv[i].substring(2), argv[i + 1]);
        }
        BriskConfig config = new BriskConfig().host(a.getOrDefault("host", "127.0.0.1"))
                .port(Integer.parseInt(a.getOrDefault("port", "8080")))
                .loops(Integer.parseInt(a.getOrDefault("loops", "1")))
                .worker(WorkerMode.parse(a.getOrDefault("worker", "virtual")))
                .accessLog(false);
        Brisk app = TfbApp.app(config, TfbApp.Driver.parse(a.getOrDefault("driver", "jdbc")),
                a.getOrDefault("db-host", "127.0.0.1"), Integer.parseInt(a.getOrDefault("db-port", "5432")),
                Integer.parseInt(a.getOrDefault("pool", "16")),
                Integer.parseInt(a.getOrDefault("db-conns", a.getOrDefault("pool", "16"))));
        app.start();
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "tfb-stop"));
    }
}
