package dev.brisk.validation;

import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.FutureOrPresent;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compiles Jakarta constraint annotations into {@link Check}s that answer with pydantic's error types
 * and messages (the table is in {@code docs/validation.md}). Built-in constraints are checked here,
 * without Hibernate Validator on the hot path; any other {@code @Constraint} (custom or composed) is
 * reported by {@link #isCustom} and checked by {@link BeanValidation}.
 *
 * <pre>{@code
 * List<Check> checks = Checks.compile(parameter.getAnnotations());
 * Issue issue = checks.get(0).test(0);   // @Min(1): greater_than_equal, ctx {"ge": 1}
 * }</pre>
 */
public final class Checks {
    private Checks() {}

    /** The checks for the built-in constraints among {@code annotations}, in declaration order. */
    public static List<Check> compile(Annotation[] annotations) {
        List<Check> out = new ArrayList<>();
        for (Annotation a : annotations) {
            Check c = compile(a);
            if (c != null) out.add(c);
        }
        return List.copyOf(out);
    }

    /** Whether {@code a} is a Jakarta constraint that {@link #compile(Annotation)} does not know. */
    public static boolean isCustom(Annotation a) {
        return compile(a) == null && !(a instanceof NotNull)
                && a.annotationType().isAnnotationPresent(jakarta.validation.Constraint.class);
    }

    /** The check for one built-in constraint, or {@code null} for other annotations (and {@code @NotNull}, which binding enforces). */
    public static Check compile(Annotation a) {
        if (a instanceof Min m) return Bound.of("ge", BigDecimal.valueOf(m.value()));
        if (a instanceof Max m) return Bound.of("le", BigDecimal.valueOf(m.value()));
        if (a instanceof DecimalMin m) return Bound.of(m.inclusive() ? "ge" : "gt", new BigDecimal(m.value()));
        if (a instanceof DecimalMax m) return Bound.of(m.inclusive() ? "le" : "lt", new BigDecimal(m.value()));
        if (a instanceof Positive) return Bound.of("gt", BigDecimal.ZERO);
        if (a instanceof PositiveOrZero) return Bound.of("ge", BigDecimal.ZERO);
        if (a instanceof Negative) return Bound.of("lt", BigDecimal.ZERO);
        if (a instanceof NegativeOrZero) return Bound.of("le", BigDecimal.ZERO);
        if (a instanceof Size s) return new Length(s.min(), s.max(), false);
        if (a instanceof NotEmpty) return new Length(1, Integer.MAX_VALUE, false);
        if (a instanceof NotBlank) return new Length(1, Integer.MAX_VALUE, true);
        if (a instanceof Pattern p) return new Regex(p.regexp(), p.flags());
        if (a instanceof Email) return new EmailCheck();
        if (a instanceof Digits d) return new DigitsCheck(d.integer(), d.fraction());
        if (a instanceof AssertTrue) return new Literal(true);
        if (a instanceof AssertFalse) return new Literal(false);
        if (a instanceof Past) return new Temporal(false, false);
        if (a instanceof PastOrPresent) return new Temporal(false, true);
        if (a instanceof Future) return new Temporal(true, false);
        if (a instanceof FutureOrPresent) return new Temporal(true, true);
        return null;
    }

    /** Whether {@code annotations} hold a {@code @NotNull}. */
    public static boolean hasNotNull(Annotation[] annotations) {
        for (Annotation a : annotations) if (a instanceof NotNull) return true;
        return false;
    }

    /** A JSON-friendly number: a {@code Long} when integral, else the decimal itself. */
    static Object jsonNumber(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        if (s.scale() <= 0 && d.scale() <= 0 && s.precision() - s.scale() < 19) return d.longValueExact();
        return d;
    }

    static Map<String, Object> ctx(String k, Object v) {
        return Map.of(k, v);
    }

    /** {@code @AssertTrue}/{@code @AssertFalse}: pydantic's {@code Literal[True]}. */
    private record Literal(boolean expected) implements Check {
        @Override
        public Issue test(Object value) {
            if (value instanceof Boolean b && b == expected) return null;
            String e = expected ? "True" : "False";
            return new Issue("literal_error", "Input should be " + e, ctx("expected", e));
        }

        @Override
        public List<Constraint> constraints() {
            return List.of(new Constraint("const", expected));
        }
    }
}
