package dev.brisk.params;

import dev.brisk.annotation.Default;
import dev.brisk.validation.Check;
import dev.brisk.validation.Checks;
import dev.brisk.validation.Issue;
import dev.brisk.validation.ValidationError;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds a settings record from flat text sources with the same scalar conversions and constraint checks
 * as request parameters, so a bad {@code PORT=abc} reads like a bad {@code ?port=abc}. Internal: the
 * public entry is {@link dev.brisk.Settings}.
 */
public final class SettingsBinder {
    private SettingsBinder() {}

    /** The result: the record, or the errors (never both). */
    public record Result<T>(T value, List<ValidationError> errors) {}

    /**
     * @param lookup variable name (already prefixed, upper snake case) to raw text, or {@code null}
     */
    public static <T extends Record> Result<T> bind(Class<T> type, String prefix, java.util.function.Function<String, String> lookup) {
        RecordComponent[] comps = type.getRecordComponents();
        if (comps == null) throw new IllegalArgumentException(type.getName() + " is not a record");
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) types[i] = comps[i].getType();
        Constructor<T> ctor;
        try {
            ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(type.getName() + ": cannot use its canonical constructor: " + e.getMessage(), e);
        }
        Parameter[] params = ctor.getParameters();   // record component annotations land here
        Object[] args = new Object[comps.length];
        List<ValidationError> errors = new ArrayList<>();
        for (int i = 0; i < comps.length; i++) {
            args[i] = one(comps[i], params[i], prefix + envName(comps[i].getName()), lookup, errors);
        }
        if (!errors.isEmpty()) return new Result<>(null, List.copyOf(errors));
        try {
            return new Result<>(ctor.newInstance(args), List.of());
        } catch (InvocationTargetException e) {
            Throwable c = e.getCause();
            return new Result<>(null, List.of(new ValidationError("value_error", List.of(),
                    "Value error, " + (c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage()), Map.of(), null)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code databaseUrl} → {@code DATABASE_URL}, {@code port} → {@code PORT}. */
    public static String envName(String component) {
        StringBuilder b = new StringBuilder(component.length() + 4);
        for (int i = 0; i < component.length(); i++) {
            char c = component.charAt(i);
            if (Character.isUpperCase(c) && i > 0) b.append('_');
            b.append(c == '.' || c == '-' ? '_' : Character.toUpperCase(c));
        }
        return b.toString();
    }

    private static Object one(RecordComponent comp, Parameter param, String key,
                              java.util.function.Function<String, String> lookup, List<ValidationError> errors) {
        boolean optional = comp.getType() == Optional.class;
        Class<?> valueType = optional ? Types.valueClass(comp.getGenericType()) : comp.getType();
        Scalars.Scalar scalar = Scalars.of(valueType);
        if (scalar == null) {
            throw new IllegalArgumentException(comp.getDeclaringRecord().getSimpleName() + "." + comp.getName() + ": "
                    + valueType.getSimpleName() + " is not a settings type (use strings, numbers, booleans, enums, "
                    + "durations, dates, UUIDs, or Optional of one)");
        }
        List<Object> loc = List.of(comp.getName());
        String raw = lookup.apply(key);
        Default def = param.getAnnotation(Default.class);
        if (raw == null && def != null && !Default.NONE.equals(def.value())) raw = def.value();
        if (raw == null) {
            if (optional) return Optional.empty();
            errors.add(Issue.MISSING.at(loc, null));
            return zero(comp.getType());
        }
        Parsed p = scalar.parse(raw);
        if (p instanceof Parsed.Invalid(Issue i)) {
            errors.add(i.at(loc, raw));
            return zero(comp.getType());
        }
        Object v = ((Parsed.Ok) p).value();
        for (Check c : Checks.compile(param.getAnnotations())) {
            Issue i = c.test(v);
            if (i != null) {
                errors.add(i.at(loc, raw));
                return zero(comp.getType());
            }
        }
        return optional ? Optional.of(v) : v;
    }

    private static Object zero(Class<?> t) {
        if (!t.isPrimitive()) return null;
        if (t == boolean.class) return false;
        if (t == char.class) return '\0';
        if (t == long.class) return 0L;
        if (t == double.class) return 0d;
        if (t == float.class) return 0f;
        return t == int.class ? 0 : t == short.class ? (short) 0 : (byte) 0;
    }
}
