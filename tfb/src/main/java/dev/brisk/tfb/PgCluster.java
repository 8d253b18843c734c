package dev.brisk.tfb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private, throwaway PostgreSQL cluster with TechEmpower's schema: {@code initdb} into a temporary
 * directory, {@code postgres} on a free loopback port with its unix socket in that directory too,
 * database {@code hello_world} with {@code world} (10,000 rows) and {@code fortune} (TFB's 12 rows),
 * stopped and deleted by {@link #close()} (or at JVM exit). Never the machine's own cluster.
 *
 * <p>PostgreSQL refuses to run as root, and CI runs as root: then every server command runs as the
 * unprivileged user {@code nobody} through {@code runuser}, in a directory handed to that user.
 *
 * <p>It is tuned as a throwaway: {@code fsync}, {@code full_page_writes} off, and
 * {@code synchronous_commit=off} as in TFB's own configuration.
 *
 * <pre>{@code
 * try (PgCluster pg = PgCluster.start(200)) {
 *     DataSource ds = ...pg.jdbcUrl()...;
 * }
 * }</pre>
 *
 * <p>As a program ({@code java -cp tfb-all.jar dev.brisk.tfb.PgCluster [--max-connections N]}) it prints
 * {@code PG_PORT=...}, {@code PG_PID=...} and {@code PG_DIR=...} and runs until its standard input
 * closes or it is signalled: that is how {@code benchmarks/tfb/run} gets its database.
 */
public final class PgCluster implements AutoCloseable {
    public static final String DATABASE = "hello_world";
    public static final String USER = "benchmarkdbuser";
    public static final String PASSWORD = "benchmarkdbpass";
    private static final String RUN_AS = System.getenv().getOrDefault("BRISK_PG_USER", "nobody");

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asOther;
    private final Thread hook;
    private volatile boolean closed;

    private PgCluster(Path dir, Path bin, int port, boolean asOther) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asOther = asOther;
        this.hook = new Thread(this::stop, "brisk-pg-stop");
    }

    /** Where the server binaries are: {@code $BRISK_PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin}. */
    public static Optional<Path> binaries() {
        String env = System.getenv("BRISK_PG_BIN");
        if (env != null && !env.isBlank()) return Optional.of(Path.of(env)).filter(p -> Files.isExecutable(p.resolve("initdb")));
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                    .max(Comparator.comparingInt(p -> number(p.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Empty if a cluster can be started here, else one line on why not. */
    public static Optional<String> unavailable() {
        if (binaries().isEmpty()) {
            return Optional.of("no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb; apt-get install postgresql-15, or set BRISK_PG_BIN)");
        }
        if (isRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
            return Optional.of("running as root, and PostgreSQL refuses root: runuser (util-linux) is needed to run it as " + RUN_AS);
        }
        return Optional.empty();
    }

    /** Starts a cluster accepting up to {@code maxConnections} clients, loaded with TFB's schema. */
    public static PgCluster start(int maxConnections) {
        unavailable().ifPresent(reason -> { throw new IllegalStateException(reason); });
        Path bin = binaries().orElseThrow();
        boolean asOther = isRoot();
        try {
            Path dir = Files.createTempDirectory("brisk-pg-");
            if (asOther) handTo(dir, RUN_AS);
            Path data = dir.resolve("data");
            run(bin, asOther, dir, "initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                    "--locale=C", "--no-sync", "--no-instructions");
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {   // a free port can be taken between probe and bind
                int port = freePort();
                PgCluster pg = new PgCluster(dir, bin, port, asOther);
                try {
                    run(bin, asOther, dir, "pg_ctl", "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                            "-w", "-t", "60", "-o", String.join(" ", "-p", String.valueOf(port), "-k", dir.toString(),
                                    "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=" + maxConnections,
                                    "-c", "fsync=off", "-c", "full_page_writes=off", "-c", "synchronous_commit=off",
                                    "-c", "shared_buffers=128MB"), "start");
                    Runtime.getRuntime().addShutdownHook(pg.hook);
                    pg.load();
                    return pg;
                } catch (IOException e) {
                    last = e;
                }
            }
            deleteTree(dir);
            throw new UncheckedIOException("PostgreSQL did not start", last);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the TFB schema: " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The postmaster's process id (its backends are its children): for measuring the database's CPU. */
    public long pid() {
        try {
            return Long.parseLong(Files.readAllLines(dir.resolve("data/postmaster.pid")).get(0).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The temporary directory holding the data, the socket and {@code server.log}. */
    public Path directory() {
        return dir;
    }

    /** Stops the server (immediate shutdown: nothing here is worth keeping) and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook runs or ran
        }
    }

    private synchronized void stop() {
        if (closed) return;
        closed = true;
        try {
            run(bin, asOther, dir, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException e) {
            System.err.println("brisk-pg: stopping the server in " + dir + ": " + e.getMessage());
        }
        deleteTree(dir);
    }

    private void load() throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE USER " + USER + " PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER + " ENCODING 'UTF8'");
        }
        String schema;
        try (var in = PgCluster.class.getResourceAsStream("/tfb/schema.sql")) {
            if (in == null) throw new IOException("tfb/schema.sql is not on the class path");
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl(), USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(schema);
        }
    }

    private static void run(Path bin, boolean asOther, Path dir, String tool, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asOther) cmd.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        Path log = dir.resolve(tool + ".out");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(tool + " did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException(tool + " interrupted", e);
        }
        if (p.exitValue() != 0) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Path serverLog = dir.resolve("server.log");
            if (Files.exists(serverLog)) out += Files.readString(serverLog);
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ":\n" + tail(out));
        }
    }

    // The postgres processes run as another user: it must own the directory (mode 700 is what initdb wants).
    private static void handTo(Path dir, String user) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(user));
        try {
            GroupPrincipal group = users.lookupPrincipalByGroupName("nogroup");
            view.setGroup(group);
        } catch (IOException e) {
            // no such group here: the owner is what matters
        }
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String tail(String s) {
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: it is a temporary directory
        }
    }

    /** {@code java -cp tfb-all.jar dev.brisk.tfb.PgCluster [--max-connections 200]}: see the class comment. */
    public static void main(String[] args) throws IOException {
        int max = 200;
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals("--max-connections")) max = Integer.parseInt(args[i + 1]);
        PgCluster pg = start(max);
        System.out.println("PG_PORT=" + pg.port());
        System.out.println("PG_PID=" + pg.pid());
        System.out.println("PG_DIR=" + pg.directory());
        System.out.println("PG_READY");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until stdin closes; a signal runs the shutdown hook instead
        }
        pg.close();
    }
}
