package dev.brisk.security;

import dev.brisk.deps.Provider;
import dev.brisk.deps.Scope;
import java.util.List;

/**
 * The scopes the current route requires, FastAPI's {@code SecurityScopes}: every {@link Scopes}
 * annotation and {@link Security#require} scope in the route's dependency tree. A dependency that
 * checks a token's scopes declares it as {@code @Depends(SecurityScopes.class)}:
 *
 * <pre>{@code
 * public User provide(@Depends(SecurityScopes.class) SecurityScopes required,
 *                     @Depends(OAuth2PasswordBearer.class) String token) {
 *     Claims claims = tokens.verify(token);      // 401 when garbled or expired
 *     for (String s : required.scopes()) {
 *         if (!claims.scopes().contains(s)) throw new HttpException(401, "Not enough permissions",
 *                 Map.of("WWW-Authenticate", "Bearer scope=\"" + required.scopeStr() + "\""));
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>One difference from FastAPI, which gives each dependant the scopes of its own chain: Brisk gives
 * the route's union (a dependency used twice in one route with different scopes is resolved once per
 * request, so it checks them all). In FastAPI's own tutorials the two are the same.
 */
public final class SecurityScopes implements Provider<SecurityScopes> {
    private final List<String> scopes;

    /** Used by {@code @Depends(SecurityScopes.class)}: this instance makes the request's value. */
    public SecurityScopes() {
        this(List.of());
    }

    public SecurityScopes(List<String> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    public List<String> scopes() {
        return scopes;
    }

    /** The scopes separated by spaces, for {@code WWW-Authenticate: Bearer scope="..."}. */
    public String scopeStr() {
        return String.join(" ", scopes);
    }

    @Override
    public SecurityScopes provide(Scope scope) {
        return new SecurityScopes(SecurityTree.scopesOf(scope.request()));
    }

    @Override
    public String toString() {
        return "SecurityScopes" + scopes;
    }
}
