package dev.brisk.tfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
