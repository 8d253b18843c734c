package dev.brisk;

import dev.brisk.validation.ValidationError;
import java.util.List;

/**
 * The request's parameters or body are invalid: answered 422 with FastAPI's (pydantic v2's) body,
 * {@code {"detail":[{"type","loc","msg","input","ctx"}]}}, listing every error found. Thrown by the
 * compiled parameter binding of annotated handlers and by {@link dev.brisk.params.Params#validate()};
 * a handler may throw one itself.
 *
 * <pre>{@code
 * throw new RequestValidationException(List.of(new ValidationError(
 *         "value_error", List.of("body", "end"), "Value error, end must follow start", "2020-01-01", null)));
 * }</pre>
 */
public class RequestValidationException extends HttpException {
    private final transient List<ValidationError> errors;

    public RequestValidationException(List<ValidationError> errors) {
        super(422, List.copyOf(errors));
        this.errors = List.copyOf(errors);
    }

    /** The errors, in the order found. */
    public List<ValidationError> errors() {
        return errors;
    }
}
