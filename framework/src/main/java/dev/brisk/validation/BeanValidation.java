package dev.brisk.validation;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Hibernate Validator, bootstrapped once, without an expression-language implementation
 * ({@link ParameterMessageInterpolator}). Brisk checks the built-in constraints itself ({@link Checks});
 * Hibernate Validator runs only for what they do not cover: custom and class-level constraints, and
 * bodies that are plain classes rather than records. Its violations are mapped to pydantic errors:
 * a built-in constraint by {@link Checks}, anything else as {@code value_error}.
 *
 * <pre>{@code
 * List<ValidationError> errors = BeanValidation.validate(order, List.of("body"), true);
 * }</pre>
 */
public final class BeanValidation {
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())
            .buildValidatorFactory().getValidator();

    private BeanValidation() {}

    public static Validator validator() {
        return VALIDATOR;
    }

    /**
     * Validates {@code bean}; returns its violations as pydantic errors located under {@code prefix}.
     *
     * @param customOnly report only constraints {@link Checks} does not check (for records whose
     *     built-in constraints were already checked while binding), and only on {@code bean} itself
     */
    public static List<ValidationError> validate(Object bean, List<Object> prefix, boolean customOnly) {
        Set<ConstraintViolation<Object>> violations = VALIDATOR.validate(bean);
        if (violations.isEmpty()) return List.of();
        List<ValidationError> out = new ArrayList<>();
        for (ConstraintViolation<Object> v : violations) {
            Annotation a = v.getConstraintDescriptor().getAnnotation();
            Check known = Checks.compile(a);
            if (customOnly && (known != null || v.getLeafBean() != bean)) continue;
            List<Object> loc = new ArrayList<>(prefix);
            for (Path.Node n : v.getPropertyPath()) {
                if (n.getIndex() != null) loc.add(n.getIndex());
                else if (n.getKey() != null) loc.add(String.valueOf(n.getKey()));
                if (n.getName() != null && n.getKind() == jakarta.validation.ElementKind.PROPERTY) loc.add(n.getName());
            }
            Object input = v.getInvalidValue();
            Issue issue = known != null && input != null ? known.test(input) : null;
            if (issue == null && a instanceof jakarta.validation.constraints.NotNull) issue = Issue.MISSING;
            if (issue == null) {
                String msg = v.getMessage();
                issue = new Issue("value_error", "Value error, " + msg, Map.of("error", msg));
            }
            ValidationError e = issue.at(loc, input == bean ? null : input);
            if (!out.contains(e)) out.add(e);
        }
        // fields first (HV's set is unordered), then the bean's own class-level errors, as pydantic
        // runs model validators after field validation
        out.sort(java.util.Comparator.<ValidationError>comparingInt(e -> e.loc().size() == prefix.size() ? 1 : 0)
                .thenComparing(e -> e.loc().toString()));
        return out;
    }
}
