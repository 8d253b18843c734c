package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a cookie sent with the request.
 *
 * <pre>{@code
 * @Get("/me")
 * public User me(@Cookie("session_id") String session) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Cookie {
    /** The name on the wire; empty means the Java parameter name (compile with {@code -parameters}). */
    String value() default "";
    /** The value used when the request does not carry one, parsed like a sent value; {@link Default#NONE} means none. */
    String defaultValue() default Default.NONE;

    /** Whether a request without this value (and without a default) is a 422 {@code missing}. */
    boolean required() default true;
}
