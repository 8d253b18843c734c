package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the JSON request body, decoded into the parameter's type (a record, a class, a {@code List} or
 * {@code Map}) and validated (Jakarta constraints on record components, nested records included).
 * An unannotated record or class parameter is a body too. At most one body parameter per handler.
 *
 * <pre>{@code
 * record Item(@NotBlank String name, @Positive BigDecimal price, Optional<String> description) {}
 *
 * @Post(value = "/items", status = 201)
 * public Item create(@Body Item item) { return item; }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Body {
    /** Whether a request without a body is a 422 {@code missing} ({@code Optional} bodies are never required). */
    boolean required() default true;
}
