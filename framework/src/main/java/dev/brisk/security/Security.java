package dev.brisk.security;

import dev.brisk.deps.Provider;
import dev.brisk.deps.Scope;
import java.util.List;
import java.util.Objects;

/**
 * Route- and router-level security, FastAPI's {@code dependencies=[Security(dep, scopes=[...])]}: a
 * {@link Provider} that resolves a {@code @Depends} class (its value unused) and records the scopes, so
 * the OpenAPI document shows the requirement and {@link SecurityScopes} sees them.
 *
 * <pre>{@code
 * ApiRouter admin = ApiRouter.create().prefix("/admin")
 *         .dependencies(Security.require(CurrentUser.class, "admin"));   // every route: a user with "admin"
 * app.get("/health", worker(req -> "ok")).dependencies(Security.require(AdminKey.class));
 * }</pre>
 *
 * @param dependency the {@code @Depends} class (a declared dependency, a {@link SecurityScheme} subclass ...)
 * @param scopes the scopes it requires
 */
public record Security(Class<?> dependency, List<String> scopes) implements Provider<Object> {
    public Security {
        Objects.requireNonNull(dependency, "dependency");
        scopes = List.copyOf(scopes);
    }

    public static Security require(Class<?> dependency, String... scopes) {
        return new Security(dependency, List.of(scopes));
    }

    @Override
    public Object provide(Scope scope) {
        return scope.get(dependency);
    }
}
