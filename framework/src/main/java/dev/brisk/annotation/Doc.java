package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a controller route appears in the OpenAPI document and at {@code /docs}: FastAPI's
 * {@code summary=}, {@code description=}, {@code tags=} and {@code deprecated=} decorator arguments.
 * On a class, its tags apply to every route of the controller (like an {@code APIRouter(tags=...)}).
 *
 * <pre>{@code
 * @Doc(tags = "items")
 * public final class ItemsController {
 *     @Get("/items/{item_id}")
 *     @Doc(summary = "Read an item", description = "Looks the item up by id.")
 *     public Item item(@PathParam int item_id) { ... }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Doc {
    /** A one-line summary (default: derived from the method name). */
    String summary() default "";

    /** A longer description (Markdown, as in FastAPI). */
    String description() default "";

    /** Tags grouping the operation in the UIs. */
    String[] tags() default {};

    /** Marks the operation deprecated. */
    boolean deprecated() default false;
}
