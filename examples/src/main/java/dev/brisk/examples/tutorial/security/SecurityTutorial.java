package dev.brisk.examples.tutorial.security;

import dev.brisk.Brisk;
import dev.brisk.BriskConfig;
import dev.brisk.HttpException;
import dev.brisk.annotation.Get;
import dev.brisk.annotation.Post;
import dev.brisk.deps.Depends;
import dev.brisk.security.OAuth2PasswordBearer;
import dev.brisk.security.OAuth2PasswordRequestForm;
import dev.brisk.security.Scopes;
import dev.brisk.security.SecurityScopes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * FastAPI's "OAuth2 with Password (and hashing), Bearer with JWT tokens" and "OAuth2 scopes" tutorials:
 * {@code POST /token} takes the OAuth2 password form and returns a signed JWT; {@code /users/me} needs
 * the {@code me} scope, {@code /users/me/items} also {@code items}. Swagger UI's Authorize button logs
 * in through {@code /token}. Passwords are PBKDF2 hashes ({@link Passwords}); tokens are nimbus-jose-jwt
 * HS256 JWTs ({@link Tokens}).
 */
public final class SecurityTutorial {
    private SecurityTutorial() {}

    // docs:begin auth-users
    public record User(String username, String fullName, String email, boolean disabled) {}

    /** The users table: user and password hash by name (FastAPI's {@code fake_users_db}). */
    public record UserRecord(User user, String passwordHash) {}

    public record Token(String access_token, String token_type) {}
    // docs:end

    // docs:begin auth-dependencies
    /** The user a bearer token names, checked against the scopes the route requires (FastAPI's get_current_user). */
    public static final class CurrentUser {
        private final Tokens tokens;
        private final Map<String, UserRecord> users;

        public CurrentUser(Tokens tokens, Map<String, UserRecord> users) {
            this.tokens = tokens;
            this.users = users;
        }

        public User provide(@Depends(SecurityScopes.class) SecurityScopes required,
                            @Depends(OAuth2PasswordBearer.class) String token) {
            String challenge = required.scopes().isEmpty() ? "Bearer" : "Bearer scope=\"" + required.scopeStr() + "\"";
            Tokens.Claims claims = tokens.verify(token).orElseThrow(() ->
                    new HttpException(401, "Could not validate credentials", Map.of("WWW-Authenticate", challenge)));
            UserRecord record = users.get(claims.username());
            if (record == null) throw new HttpException(401, "Could not validate credentials", Map.of("WWW-Authenticate", challenge));
            for (String scope : required.scopes()) {
                if (!claims.scopes().contains(scope)) {
                    throw new HttpException(401, "Not enough permissions", Map.of("WWW-Authenticate", challenge));
                }
            }
            return record.user();
        }
    }

    /** FastAPI's get_current_active_user: a disabled user is a 400. */
    public static final class CurrentActiveUser {
        public User provide(@Depends(CurrentUser.class) User user) {
            if (user.disabled()) throw new HttpException(400, "Inactive user");
            return user;
        }
    }
    // docs:end

    // docs:begin auth-routes
    public static final class Api {
        private final Passwords passwords;
        private final Tokens tokens;
        private final Map<String, UserRecord> users;

        public Api(Passwords passwords, Tokens tokens, Map<String, UserRecord> users) {
            this.passwords = passwords;
            this.tokens = tokens;
            this.users = users;
        }

        @Post("/token")
        public Token login(@Depends(OAuth2PasswordRequestForm.class) OAuth2PasswordRequestForm form) {
            UserRecord record = users.get(form.username());
            if (record == null || !passwords.verify(form.password(), record.passwordHash())) {
                throw new HttpException(401, "Incorrect username or password", Map.of("WWW-Authenticate", "Bearer"));
            }
            return new Token(tokens.issue(record.user().username(), form.scopes()), "bearer");
        }

        @Get("/users/me")
        public User me(@Depends(CurrentActiveUser.class) @Scopes("me") User user) {
            return user;
        }

        @Get("/users/me/items")
        public List<Map<String, String>> myItems(@Depends(CurrentActiveUser.class) @Scopes({"me", "items"}) User user) {
            return List.of(Map.of("item_id", "Foo", "owner", user.username()));
        }

        @Get("/status")
        public Map<String, String> status(@Depends(CurrentUser.class) User user) {
            return Map.of("status", "ok");
        }
    }

    public static Brisk create(BriskConfig config, Tokens tokens, Passwords passwords) {
        Map<String, UserRecord> users = Map.of(
                "johndoe", new UserRecord(new User("johndoe", "John Doe", "johndoe@example.com", false), passwords.hash("secret")),
                "alice", new UserRecord(new User("alice", "Alice Chains", "alicechains@example.com", true), passwords.hash("secret2")));
        Brisk app = Brisk.create(config);
        app.dependency(OAuth2PasswordBearer.class, OAuth2PasswordBearer.tokenUrl("token").scopes(Map.of(
                "me", "Read information about the current user.", "items", "Read items.")));
        app.dependency(CurrentUser.class, new CurrentUser(tokens, users));
        app.include(new Api(passwords, tokens, users));
        return app;
    }
    // docs:end

    /** Runs the tutorial on port 8000 with a fresh random signing key: {@code /docs} → Authorize as johndoe / secret. */
    public static void main(String[] args) {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        create(new BriskConfig().port(8000), new Tokens(secret, Duration.ofMinutes(30)), new Passwords()).start();
    }
}
