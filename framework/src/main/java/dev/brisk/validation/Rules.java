package dev.brisk.validation;

import java.math.BigDecimal;

/**
 * Constraints for the lambda accessor API ({@link dev.brisk.params.Params}), the same checks and
 * pydantic errors as the Jakarta annotations on annotated handlers.
 *
 * <pre>{@code
 * import static dev.brisk.validation.Rules.*;
 * int limit = p.query("limit", int.class, 10, ge(1), le(100));     // @Min(1) @Max(100)
 * String q = p.query("q", String.class, minLength(3), pattern("[a-z]+"));
 * }</pre>
 */
public final class Rules {
    private Rules() {}

    /** {@code >= bound}: {@code greater_than_equal}. */
    public static Check ge(long bound) { return Bound.of("ge", BigDecimal.valueOf(bound)); }

    /** {@code > bound}: {@code greater_than}. */
    public static Check gt(long bound) { return Bound.of("gt", BigDecimal.valueOf(bound)); }

    /** {@code <= bound}: {@code less_than_equal}. */
    public static Check le(long bound) { return Bound.of("le", BigDecimal.valueOf(bound)); }

    /** {@code < bound}: {@code less_than}. */
    public static Check lt(long bound) { return Bound.of("lt", BigDecimal.valueOf(bound)); }

    /** {@code >= bound} for decimals, e.g. {@code ge("0.5")}. */
    public static Check ge(String bound) { return Bound.of("ge", new BigDecimal(bound)); }

    /** {@code <= bound} for decimals. */
    public static Check le(String bound) { return Bound.of("le", new BigDecimal(bound)); }

    /** At least {@code n} characters (or items): {@code string_too_short} / {@code too_short}. */
    public static Check minLength(int n) { return new Length(n, Integer.MAX_VALUE, false); }

    /** At most {@code n} characters (or items): {@code string_too_long} / {@code too_long}. */
    public static Check maxLength(int n) { return new Length(0, n, false); }

    /** The whole string matches {@code regex}: {@code string_pattern_mismatch}. */
    public static Check pattern(String regex) { return new Regex(regex, new jakarta.validation.constraints.Pattern.Flag[0]); }

    /** Not empty and not only whitespace, like {@code @NotBlank}. */
    public static Check notBlank() { return new Length(1, Integer.MAX_VALUE, true); }
}
