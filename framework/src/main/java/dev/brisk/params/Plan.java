package dev.brisk.params;

import dev.brisk.Request;
import dev.brisk.RequestValidationException;
import dev.brisk.validation.BeanValidation;
import dev.brisk.validation.Checks;
import dev.brisk.validation.ValidationError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A handler's compiled binding (FastAPI's {@code Dependant}): one {@link Binder} per parameter, run in
 * order for each request, all errors collected, then one 422 or the argument array.
 */
final class Plan {
    private final Binder[] binders;
    private final RoutePlan spec;
    private final Object target;
    private final Method method;
    private final boolean customConstraints;

    Plan(Binder[] binders, RoutePlan spec, Object target, Method method, boolean customConstraints) {
        this.binders = binders;
        this.spec = spec;
        this.target = target;
        this.method = method;
        this.customConstraints = customConstraints;
    }

    RoutePlan spec() {
        return spec;
    }

    /** The handler's arguments, or a {@link RequestValidationException} listing every error. */
    Object[] arguments(Request req) {
        Bound b = new Bound(req);
        Binder[] bs = binders;
        Object[] args = new Object[bs.length];
        for (int i = 0; i < bs.length; i++) args[i] = bs[i].bind(b);
        b.errors.throwIfAny();
        if (customConstraints) validateCustom(args);
        return args;
    }

    /** Custom parameter constraints: Hibernate Validator's executable validation, only for handlers that have them. */
    private void validateCustom(Object[] args) {
        Set<ConstraintViolation<Object>> found = BeanValidation.validator().forExecutables()
                .validateParameters(target, method, args);
        List<ValidationError> out = new ArrayList<>();
        for (ConstraintViolation<Object> v : found) {
            if (Checks.compile(v.getConstraintDescriptor().getAnnotation()) != null) continue;
            ParamSpec p = null;
            for (Path.Node n : v.getPropertyPath()) {
                if (n.getKind() == ElementKind.PARAMETER) p = binders[n.as(Path.ParameterNode.class).getParameterIndex()].spec();
            }
            List<Object> loc = p == null ? List.of("body") : List.of(p.source().loc(), p.name());
            out.add(new ValidationError("value_error", loc, "Value error, " + v.getMessage(), v.getInvalidValue(),
                    Map.of("error", v.getMessage())));
        }
        if (!out.isEmpty()) throw new RequestValidationException(out);
    }
}
