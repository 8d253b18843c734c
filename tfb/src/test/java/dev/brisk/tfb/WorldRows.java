package dev.brisk.tfb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The peers' tests check answers against the database itself: randomNumber by id, read straight from the table. */
final class WorldRows {
    private WorldRows() {}

    // one connection for all the rows: a connection per row would make the 500-row case take seconds
    static Map<Integer, Integer> read(PgCluster pg, Set<Integer> ids) throws Exception {
        Map<Integer, Integer> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), PgCluster.USER, PgCluster.PASSWORD);
             PreparedStatement s = c.prepareStatement("SELECT id, randomnumber FROM world WHERE id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("int4", ids.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.put(rs.getInt(1), rs.getInt(2));
            }
        }
        return out;
    }
}
