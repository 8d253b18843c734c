package dev.brisk.annotation;

import dev.brisk.Lane;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the lane a controller method's return type implies. {@code @RunOn(Lane.LOOP)} on a method
 * with a plain return type declares it loop-safe (trivial, never blocks); {@code @RunOn(Lane.WORKER)}
 * on a method returning a {@code CompletionStage} runs it on a worker (it may block before returning
 * its stage). On a class, it applies to every method that does not say otherwise.
 *
 * <pre>{@code
 * @Get("/json") @RunOn(Lane.LOOP)
 * public Map<String, String> json() { return Map.of("message", "Hello, World!"); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RunOn {
    Lane value();
}
