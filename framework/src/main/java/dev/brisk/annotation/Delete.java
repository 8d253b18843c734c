package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a controller method as the handler of {@code DELETE value()}. The lane follows the return type:
 * a {@code CompletionStage} runs on the event loop, anything else on the worker lane; {@link RunOn}
 * overrides it.
 *
 * <pre>{@code
 * @Delete("/items/{item_id}")
 * public Item item(Request req) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Delete {
    /** The path template, e.g. {@code /items/{item_id}}. */
    String value();

    /** The status of a successful plain-value response. */
    int status() default 200;
}
