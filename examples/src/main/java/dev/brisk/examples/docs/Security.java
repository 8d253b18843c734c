package dev.brisk.examples.docs;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.annotation.Get;
import dev.brisk.deps.Dependencies;
import dev.brisk.deps.Depends;
import dev.brisk.deps.Provider;
import dev.brisk.deps.Scope;
import java.util.Map;

/** Tutorial chapter 5: FastAPI's "Security - First Steps", with what Brisk has today: a dependency. */
public final class Security {
    private Security() {}

    // docs:begin security
    public record User(String username, boolean admin) {}

    private static final Map<String, User> TOKENS = Map.of(
            "alice-token", new User("alice", true),
            "bob-token", new User("bob", false));

    /** FastAPI's get_current_user: a bearer token from the Authorization header, or 401. */
    public static final class CurrentUser implements Provider<User> {
        @Override
        public User provide(Scope scope) {
            String auth = scope.request().header("authorization");
            String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
            User user = token == null ? null : TOKENS.get(token);
            if (user == null) {
                throw new HttpException(401, "Not authenticated", Map.of("WWW-Authenticate", "Bearer"));
            }
            return user;
        }
    }

    public static final class Users {
        @Get("/users/me")
        public User me(@Depends(CurrentUser.class) User user) {
            return user;
        }
    }

    public static Brisk app(BriskConfig config) {
        Brisk app = Brisk.create(config).include(new Users());
        app.get("/admin", worker(req -> {
            User user = Dependencies.resolve(req, CurrentUser.class);
            if (!user.admin()) throw new HttpException(403, "Not enough permissions");
            return Map.of("admin", user.username());
        }));
        return app;
    }
    // docs:end
}
