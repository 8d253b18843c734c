package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a path parameter of the route template, converted to the parameter's type. Without a name, the
 * Java parameter name is used; an unannotated parameter whose name appears in the template is a path
 * parameter too.
 *
 * <pre>{@code
 * @Get("/items/{item_id}")
 * public Item item(@PathParam int item_id) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface PathParam {
    /** The name on the wire; empty means the Java parameter name (compile with {@code -parameters}). */
    String value() default "";
}
