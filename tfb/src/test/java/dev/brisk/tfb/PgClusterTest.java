package dev.brisk.tfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The throwaway cluster: private (loopback, temp dir), never as root, TFB's data, gone after close. */
@ExtendWith(PostgresExtension.class)
class PgClusterTest {

    @Test
    void holdsTfbSchemaOnAPrivateServer(PgCluster pg) throws Exception {
        assertThat(pg.port()).isNotEqualTo(5432);
        assertThat(Files.exists(pg.directory().resolve(".s.PGSQL." + pg.port()))).as("unix socket in the temp dir").isTrue();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), PgCluster.USER, PgCluster.PASSWORD);
             Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*), min(id), max(id), min(randomnumber), max(randomnumber) FROM world");
            rs.next();
            assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3))).containsExactly(10_000, 1, 10_000);
            assertThat(rs.getInt(4)).isBetween(1, 10_000);
            assertThat(rs.getInt(5)).isBetween(1, 10_000);
            rs = s.executeQuery("SELECT message FROM fortune ORDER BY id");
            List<String> messages = new ArrayList<>();
            while (rs.next()) messages.add(rs.getString(1));
            assertThat(messages).hasSize(12).contains("フレームワークのベンチマーク",
                    "<script>alert(\"This should not be displayed in a browser alert box.\");</script>",
                    "A computer scientist is someone who fixes things that aren't broken.");
            rs = s.executeQuery("SELECT usesuper FROM pg_user WHERE usename = current_user");
            rs.next();
            assertThat(rs.getBoolean(1)).as("the app's user is not a superuser").isFalse();
            rs = s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'listen_addresses'");
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
        }
        // the server does not run as root (it would refuse to), whoever runs the tests
        long pid = pg.pid();
        String status = Files.readString(java.nio.file.Path.of("/proc/" + pid + "/status"));
        String uid = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
        assertThat(uid).isNotEqualTo("0");
    }

    @Test
    void aSecondClusterIsIndependentAndCloseRemovesIt() throws Exception {
        PgCluster other = PgCluster.start(20);
        var dir = other.directory();
        long pid = other.pid();
        try (Connection c = DriverManager.getConnection(other.jdbcUrl(), PgCluster.USER, PgCluster.PASSWORD);
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE world SET randomnumber = -1 WHERE id = 1");
        }
        other.close();
        assertThat(Files.exists(dir)).isFalse();
        // gone, or a zombie waiting for whichever process adopted it to reap it: either way not serving
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (running(pid) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(running(pid)).as("postmaster " + pid + " stopped").isFalse();
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
