package dev.brisk.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OAuth2 scopes a {@code @Depends} parameter requires, FastAPI's {@code Security(dep, scopes=[...])}.
 * They apply to every security scheme below that dependency, appear in the operation's OpenAPI
 * {@code security} requirement, and are what {@link SecurityScopes} holds for the route.
 *
 * <pre>{@code
 * @Get("/users/me/items")
 * public List<Item> items(@Depends(CurrentUser.class) @Scopes("items") User user) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Scopes {
    String[] value();
}
