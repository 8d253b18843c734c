package dev.brisk.tfb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** The peers' tests read world rows from answers and check them against the table itself (randomNumber by id). */
final class WorldRows {
    private WorldRows() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The world rows of an answer: {@code /db} is one object, the other routes a list. */
    static List<Map<String, Integer>> parse(String path, String body) throws Exception {
        return path.equals("/db")
                ? List.of(JSON.readValue(body, new TypeReference<Map<String, Integer>>() { }))
                : JSON.readValue(body, new TypeReference<List<Map<String, Integer>>>() { });
    }

    /** Every row answered holds the randomNumber the table holds for its id. */
    static void assertStored(PgCluster pg, String what, List<Map<String, Integer>> rows) throws Exception {
        Map<Integer, Integer> answered = new HashMap<>();
        for (Map<String, Integer> row : rows) answered.put(row.get("id"), row.get("randomNumber"));
        assertThat(read(pg, answered.keySet())).as(what).isEqualTo(answered);
    }

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
