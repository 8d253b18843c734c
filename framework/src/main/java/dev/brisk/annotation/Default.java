package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A default value for a parameter, as text parsed like a sent value: an alternative to
 * {@code defaultValue} that also works on unannotated parameters.
 *
 * <pre>{@code
 * @Get("/items")
 * public List<Item> items(@Default("0") int skip, @Default("10") int limit) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Default {
    /** Marks "no default": a value no request can send (annotation attributes cannot be {@code null}). */
    String NONE = "\u0000brisk:none\u0000";

    /** The default, as text. */
    String value();
}
