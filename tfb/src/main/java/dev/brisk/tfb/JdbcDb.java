package dev.brisk.tfb;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The blocking flavour: pgjdbc behind a HikariCP pool, called from worker routes (virtual threads).
 * A thread that wants a connection while all {@code poolSize} are in use waits for one (up to
 * {@code connectionTimeout}, 30 s): the pool, not the threads, bounds how many queries run at once.
 *
 * <p>The constructor returns once all {@code poolSize} connections are open, as asyncpg's
 * {@code create_pool(min_size=N)} and a warmed-up service have them. HikariCP opens them one at a time
 * on its single connection-adder thread (200 PostgreSQL backends: 1-2 s idle, 8 s on a busy machine),
 * and a request that finds none free meanwhile waits in the pool's hand-off: the lab's E6 once measured
 * its 200-connection row during that fill and read 1,485 req/s for what serves ~2x that when filled.
 *
 * <p>At most {@code poolSize} threads ask HikariCP for a connection at once; the others queue, first come
 * first served, on a {@link Semaphore} of {@code poolSize} permits — JEP 444's advice for limiting virtual
 * threads' use of a scarce resource. Without it, a thread finding no free connection waits in HikariCP's
 * hand-off: a timed park (a timer set and cancelled on the virtual-thread scheduler's delay thread per
 * wait), a wake-up of the pool's connection-adder thread per waiter, and {@code Thread.yield} spins on
 * return. With 64 requests on a pool of 16 that machinery was 13 % of the JDBC server's CPU on
 * {@code /db} (async-profiler, benchmarks/tfb/PROFILE.md). Behind the gate HikariCP always finds a free
 * connection. The wait for a permit has no deadline: a request waits as long as it would for a thread on
 * a {@code pool:N} lane, and overload is Brisk's in-flight limit's business (503), not a 30 s timeout.
 */
public final class JdbcDb implements AutoCloseable {
    private static final String SELECT_WORLD = "SELECT id, randomnumber FROM world WHERE id = ?";
    private static final String UPDATE_WORLD = "UPDATE world SET randomnumber = ? WHERE id = ?";

    private final HikariDataSource pool;
    private final Semaphore gate;

    public JdbcDb(String jdbcUrl, String user, String password, int poolSize) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(jdbcUrl);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(poolSize);
        c.setPoolName("brisk-jdbc");
        // Server-side prepared statements from the first use, cached per connection: TFB's rule is one
        // query per row, and parsing each one again would be the database's CPU, not ours.
        c.addDataSourceProperty("prepareThreshold", "1");
        c.addDataSourceProperty("preparedStatementCacheQueries", "64");
        pool = new HikariDataSource(c);
        gate = new Semaphore(poolSize, true);
        awaitFilled(poolSize);
    }

    private void awaitFilled(int poolSize) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (pool.getHikariPoolMXBean().getTotalConnections() < poolSize) {
            if (System.nanoTime() > deadline) {
                int open = pool.getHikariPoolMXBean().getTotalConnections();
                pool.close();
                throw new IllegalStateException("HikariCP opened " + open + " of " + poolSize + " connections in 60 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                pool.close();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while opening the pool's connections", e);
            }
        }
    }

    public World world(int id) throws SQLException {
        return withConnection(c -> world(c, id));
    }

    /** {@code ids.length} rows, one query each, on one connection. */
    public List<World> worlds(int[] ids) throws SQLException {
        return withConnection(c -> worlds(c, ids));
    }

    public List<Fortune> fortunes() throws SQLException {
        return withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(Tfb.SELECT_FORTUNES); ResultSet rs = s.executeQuery()) {
                List<Fortune> out = new ArrayList<>(16);
                while (rs.next()) out.add(new Fortune(rs.getInt(1), rs.getString(2)));
                return out;
            }
        });
    }

    /** Reads the rows one by one, gives each a new random number and writes them back in one batch. */
    public List<World> update(int[] ids) throws SQLException {
        return withConnection(c -> {
            List<World> changed = Tfb.changed(worlds(c, ids));
            try (PreparedStatement s = c.prepareStatement(UPDATE_WORLD)) {
                for (World w : changed) {
                    s.setInt(1, w.randomNumber());
                    s.setInt(2, w.id());
                    s.addBatch();
                }
                s.executeBatch();
            }
            return changed;
        });
    }

    /** Every row, for the {@code /cached-queries} cache. */
    public World[] all() throws SQLException {
        return withConnection(c -> {
            World[] rows = new World[Tfb.WORLD_ROWS + 1];
            try (PreparedStatement s = c.prepareStatement("SELECT id, randomnumber FROM world"); ResultSet rs = s.executeQuery()) {
                while (rs.next()) rows[rs.getInt(1)] = new World(rs.getInt(1), rs.getInt(2));
            }
            return rows;
        });
    }

    /** {@code SELECT pg_sleep(seconds)}: a query that takes that long (the lab's E6). */
    public void sleep(double seconds) throws SQLException {
        withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT pg_sleep(?)")) {
                s.setDouble(1, seconds);
                s.executeQuery().close();
            }
            return null;
        });
    }

    /** Work on one borrowed connection. */
    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a connection once a permit is free, then gives back both. */
    private <T> T withConnection(SqlWork<T> work) throws SQLException {
        try {
            gate.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", "08001", e);
        }
        try (Connection c = pool.getConnection()) {
            return work.apply(c);
        } finally {
            gate.release();
        }
    }

    /** Threads waiting for a permit (the gate's queue), for tests and diagnostics. */
    public int waiting() {
        return gate.getQueueLength();
    }

    /** Threads waiting inside HikariCP for a connection: 0 behind the gate. */
    public int waitingInPool() {
        return pool.getHikariPoolMXBean().getThreadsAwaitingConnection();
    }

    public int poolSize() {
        return pool.getMaximumPoolSize();
    }

    private static World world(Connection c, int id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT_WORLD)) {
            s.setInt(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) throw new SQLException("no world row " + id);
                return new World(rs.getInt(1), rs.getInt(2));
            }
        }
    }

    private static List<World> worlds(Connection c, int[] ids) throws SQLException {
        List<World> out = new ArrayList<>(ids.length);
        try (PreparedStatement s = c.prepareStatement(SELECT_WORLD)) {
            for (int id : ids) {
                s.setInt(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) throw new SQLException("no world row " + id);
                    out.add(new World(rs.getInt(1), rs.getInt(2)));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.close();
    }
}
