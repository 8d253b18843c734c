package dev.brisk.deps;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares that a controller method parameter is made by a {@link Provider}, like FastAPI's
 * {@code Depends(...)}. The parameter binder resolves it with {@link Dependencies#resolve(
 * dev.brisk.Request, Class)}: one instance per request and provider class, cleanup after the response.
 *
 * <pre>{@code
 * public static final class CurrentUser implements Provider<User> {
 *     public User provide(Scope scope) { return users.byToken(scope.request().header("x-token")); }
 * }
 *
 * @Get("/me")
 * public User me(@Depends(CurrentUser.class) User user) { return user; }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface Depends {
    /**
     * The dependency: a {@link Provider} class, a class with one public {@code provide(...)} method whose
     * parameters are declared like a route's ({@code @Header}, {@code @Query}, {@code @Depends}, ...), or
     * any type the app registered an object for with {@code app.dependency(Type.class, object)}. Unless
     * registered, one instance per app is made with the no-arg constructor.
     */
    Class<?> value();
}
