package dev.brisk.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a form field from an {@code application/x-www-form-urlencoded} or {@code multipart/form-data}
 * body. A {@link dev.brisk.params.UploadFile} parameter receives an uploaded file; a {@code List} collects
 * repeated fields. Errors are reported under {@code ["body", name]}, as in FastAPI.
 *
 * <pre>{@code
 * @Post("/login")
 * public Token login(@Form String username, @Form @Size(min = 8) String password) { ... }
 * @Post("/upload")
 * public Map<String, Object> upload(@Form UploadFile file) { return Map.of("size", file.size()); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Form {
    /** The name on the wire; empty means the Java parameter name (compile with {@code -parameters}). */
    String value() default "";
    /** The value used when the request does not carry one, parsed like a sent value; {@link Default#NONE} means none. */
    String defaultValue() default Default.NONE;

    /** Whether a request without this value (and without a default) is a 422 {@code missing}. */
    boolean required() default true;
}
