package dev.brisk.tfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link JdbcDb} hands back its pool with every connection already open (as asyncpg's
 * {@code create_pool(min_size=N)} does): HikariCP alone opens them one by one in the background, and the
 * lab's E6 once measured that fill instead of JDBC on virtual threads. PostgreSQL itself is asked how many
 * backends the pool's user has, the moment the constructor returns.
 */
@ExtendWith(PostgresExtension.class)
class JdbcPoolTest {
    private static final int POOL = 24;

    @Test
    void everyConnectionIsOpenWhenTheConstructorReturns(PgCluster pg) throws Exception {
        int before = backends(pg);   // another test class's app may hold a pool of its own
        try (JdbcDb db = new JdbcDb(pg.jdbcUrl(), PgCluster.USER, PgCluster.PASSWORD, POOL)) {
            assertThat(backends(pg) - before).isEqualTo(POOL);
            assertThat(db.world(1).id()).isEqualTo(1);
        }
    }

    /**
     * Six virtual threads on a pool of two: two run their query, four wait at the gate, none inside
     * HikariCP (whose wait is a timed park plus a wake-up of its connection-adder thread per waiter), and
     * all six finish. PostgreSQL is asked how many of the pool's sessions are running the query meanwhile.
     */
    @Test
    void threadsBeyondThePoolWaitAtTheGateNotInsideHikari(PgCluster pg) throws Exception {
        try (JdbcDb db = new JdbcDb(pg.jdbcUrl(), PgCluster.USER, PgCluster.PASSWORD, 2);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) calls.add(threads.submit(() -> {
                db.sleep(0.4);
                return null;
            }));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (db.waiting() < 4 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(db.waiting()).isEqualTo(4);
            assertThat(db.waitingInPool()).isZero();
            assertThat(sleeping(pg)).isEqualTo(2);
            for (Future<?> f : calls) f.get();
            assertThat(db.waiting()).isZero();
        }
    }

    private static int sleeping(PgCluster pg) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + PgCluster.USER
                     + "' AND state = 'active' AND query LIKE '%pg_sleep%'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    // The TFB user's sessions (the one asking is postgres's).
    private static int backends(PgCluster pg) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + PgCluster.USER + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
