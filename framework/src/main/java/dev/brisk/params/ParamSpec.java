package dev.brisk.params;

import dev.brisk.validation.Constraint;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One declared input of a handler, as compiled into its {@link RoutePlan}: read-only, for tools such as
 * the OpenAPI generator. Body fields of a record body are described by {@link RoutePlan#fields(Class)}
 * with the same record.
 *
 * <pre>{@code
 * RoutePlan plan = route.extension(RoutePlan.class);
 * for (ParamSpec p : plan.params()) {
 *     System.out.println(p.source().loc() + " " + p.name() + ": " + p.type().getTypeName()
 *             + (p.required() ? " (required)" : " = " + p.defaultValue()));
 * }
 * }</pre>
 *
 * @param name the name on the wire and in error {@code loc}s (a header's converted name, e.g. {@code user-agent})
 * @param javaName the Java parameter (or record component) name
 * @param source where the value comes from
 * @param type the declared generic type, e.g. {@code int}, {@code Optional<String>}, {@code List<Integer>}
 * @param required whether a request without the value is a 422 {@code missing}
 * @param defaultValue the declared default as text, or {@code null} when there is none
 * @param constraints the Jakarta constraints, as JSON Schema keywords (empty if none)
 */
public record ParamSpec(String name, String javaName, Source source, Type type, boolean required,
                        String defaultValue, List<Constraint> constraints) {
    public ParamSpec {
        constraints = List.copyOf(constraints);
    }

    /** The value type with {@code Optional}, {@code List} and {@code Set} unwrapped ({@code Integer} for {@code List<Integer>}). */
    public Class<?> valueClass() {
        return Types.valueClass(type);
    }

    /** Whether several values are accepted ({@code List}/{@code Set}, e.g. a repeated query key). */
    public boolean multiple() {
        return Types.isCollection(Types.unwrapOptional(type));
    }
}
