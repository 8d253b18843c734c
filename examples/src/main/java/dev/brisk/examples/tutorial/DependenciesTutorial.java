package dev.brisk.examples.tutorial;

import static dev.brisk.Handler.loop;
import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.deps.Dependencies;
import dev.brisk.deps.Provider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * FastAPI's "Dependencies" pages: shared query parameters, a sub-dependency, and a "dependency with
 * yield" (a database session closed after the response), from a blocking route and an async one.
 */
public final class DependenciesTutorial {
    /** FastAPI's {@code CommonQueryParams}. */
    public record CommonQueryParams(String q, int skip, int limit) {}

    /** A stand-in for a database session; records when it is closed. */
    public static final class DbSession implements AutoCloseable {
        public final int id;
        private final List<String> log;

        DbSession(int id, List<String> log) {
            this.id = id;
            this.log = log;
        }

        @Override
        public void close() {
            log.add("closed session " + id);
        }
    }

    /** Session open/close events, for the tutorial's test. */
    public static final List<String> SESSION_LOG = new CopyOnWriteArrayList<>();
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private DependenciesTutorial() {}

    // docs:begin dependencies
    public static final Provider<CommonQueryParams> COMMONS = scope -> {
        var req = scope.request();
        String skip = req.queryParam("skip");
        String limit = req.queryParam("limit");
        return new CommonQueryParams(req.queryParam("q"), skip == null ? 0 : Integer.parseInt(skip),
                limit == null ? 100 : Integer.parseInt(limit));
    };

    /** A dependency with cleanup: FastAPI's {@code def get_db(): db = DBSession(); try: yield db finally: db.close()}. */
    public static final Provider<DbSession> DB = scope -> {
        DbSession db = new DbSession(SESSIONS.incrementAndGet(), SESSION_LOG);
        SESSION_LOG.add("opened session " + db.id);
        scope.onClose(db);
        return db;
    };

    /** A sub-dependency: the current user needs the token header and the session. */
    public static final Provider<String> CURRENT_USER = scope -> {
        String token = scope.request().header("x-token");
        if (!"fake-super-secret-token".equals(token)) throw new HttpException(400, "X-Token header invalid");
        return "john (session " + scope.get(DB).id + ")";
    };

    public static Brisk create(BriskConfig config) {
        Brisk app = Brisk.create(config);
        app.get("/items/", worker(req -> {
            CommonQueryParams commons = Dependencies.resolve(req, COMMONS);
            return Map.of("q", String.valueOf(commons.q()), "skip", commons.skip(), "limit", commons.limit());
        }));
        app.get("/users/me", worker(req -> {
            String user = Dependencies.resolve(req, CURRENT_USER);
            DbSession db = Dependencies.resolve(req, DB); // the same session the user dependency got
            return Map.of("user", user, "session", db.id);
        }));
        app.get("/async/users/me", loop(req -> Dependencies.resolveAsync(req, CURRENT_USER)
                .thenApply(user -> Map.of("user", user))));
        return app;
    }
    // docs:end

    public static void main(String[] args) {
        create(new BriskConfig().port(8000)).start();
    }
}
