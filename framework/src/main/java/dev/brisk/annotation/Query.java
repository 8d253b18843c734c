package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a query parameter. A {@code List}/{@code Set} parameter collects every value of a repeated key
 * ({@code ?tag=a&tag=b}); {@code Optional} and {@link #defaultValue()} make it optional, as in FastAPI.
 *
 * <pre>{@code
 * @Get("/items")
 * public List<Item> items(@Query Optional<String> q, @Query(defaultValue = "10") @Max(100) int limit,
 *                         @Query List<String> tag) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Query {
    /** The name on the wire; empty means the Java parameter name (compile with {@code -parameters}). */
    String value() default "";
    /** The value used when the request does not carry one, parsed like a sent value; {@link Default#NONE} means none. */
    String defaultValue() default Default.NONE;

    /** Whether a request without this value (and without a default) is a 422 {@code missing}. */
    boolean required() default true;
}
