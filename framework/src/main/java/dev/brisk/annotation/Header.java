package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a request header, matched case-insensitively. As in FastAPI, the Java name is converted to a
 * header name: underscores become dashes and camelCase becomes kebab-case ({@code user_agent} and
 * {@code userAgent} both read {@code User-Agent}); set {@link #convertUnderscores()} to false to keep it.
 * A {@code List} parameter gets every value of a repeated header.
 *
 * <pre>{@code
 * @Get("/agent")
 * public Map<String, String> agent(@Header String user_agent, @Header Optional<String> x_token) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Header {
    /** The name on the wire; empty means the Java parameter name (compile with {@code -parameters}). */
    String value() default "";

    /** Whether to convert the Java name to a header name (underscore and camelCase → dash). */
    boolean convertUnderscores() default true;

    /** The value used when the request does not carry one, parsed like a sent value; {@link Default#NONE} means none. */
    String defaultValue() default Default.NONE;

    /** Whether a request without this value (and without a default) is a 422 {@code missing}. */
    boolean required() default true;
}
