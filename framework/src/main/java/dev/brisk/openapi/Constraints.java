package dev.brisk.openapi;

import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.math.BigDecimal;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jakarta Bean Validation constraints as JSON Schema keywords. The keyword vocabulary is the one the
 * parameter plan uses ({@code minimum}, {@code exclusiveMinimum}, {@code maxLength}, {@code pattern} …),
 * so constraints from annotations and from a compiled plan go through the same {@link #apply(Schema, String, Object)}.
 */
final class Constraints {
    private Constraints() {}

    static boolean has(AnnotatedElement e) {
        return !keywords(e, true).isEmpty();
    }

    static void apply(AnnotatedElement e, Schema<?> s) {
        boolean array = s.getTypes() != null && s.getTypes().contains("array");
        boolean string = s.getTypes() != null && s.getTypes().contains("string");
        keywords(e, string || !array).forEach((k, v) -> apply(s, k, v));
    }

    /** Keywords of {@code e}'s constraints; {@code sized} is false for collections (items, not length). */
    static Map<String, Object> keywords(AnnotatedElement e, boolean stringLike) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Annotation a : annotations(e)) {
            switch (a) {
                case Min m -> out.put("minimum", BigDecimal.valueOf(m.value()));
                case Max m -> out.put("maximum", BigDecimal.valueOf(m.value()));
                case DecimalMin m -> out.put(m.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(m.value()));
                case DecimalMax m -> out.put(m.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(m.value()));
                case Positive p -> out.put("exclusiveMinimum", BigDecimal.ZERO);
                case PositiveOrZero p -> out.put("minimum", BigDecimal.ZERO);
                case Negative n -> out.put("exclusiveMaximum", BigDecimal.ZERO);
                case NegativeOrZero n -> out.put("maximum", BigDecimal.ZERO);
                case Size sz -> {
                    if (sz.min() > 0) out.put(stringLike ? "minLength" : "minItems", sz.min());
                    if (sz.max() != Integer.MAX_VALUE) out.put(stringLike ? "maxLength" : "maxItems", sz.max());
                }
                case NotBlank nb -> out.put("minLength", 1);
                case NotEmpty ne -> out.put(stringLike ? "minLength" : "minItems", 1);
                case Pattern p -> out.put("pattern", p.regexp());
                case Email em -> out.put("format", "email");
                default -> { }
            }
        }
        return out;
    }

    /**
     * Jakarta constraints do not target record components, so Java puts them on the component's field,
     * accessor and canonical-constructor parameter, or on its type (TYPE_USE): look in all of them.
     */
    private static List<Annotation> annotations(AnnotatedElement e) {
        Map<Class<?>, Annotation> found = new LinkedHashMap<>();
        for (Annotation a : e.getAnnotations()) found.putIfAbsent(a.annotationType(), a);
        if (e instanceof RecordComponent rc) {
            for (Annotation a : rc.getAccessor().getAnnotations()) found.putIfAbsent(a.annotationType(), a);
            for (Annotation a : rc.getAnnotatedType().getAnnotations()) found.putIfAbsent(a.annotationType(), a);
        } else if (e instanceof Parameter p) {
            for (Annotation a : p.getAnnotatedType().getAnnotations()) found.putIfAbsent(a.annotationType(), a);
        }
        return List.copyOf(found.values());
    }

    /** Sets one keyword on {@code s}; unknown keywords (Brisk-only checks such as {@code past}) are skipped. */
    static void apply(Schema<?> s, String keyword, Object value) {
        switch (keyword) {
            case "minimum" -> s.minimum(decimal(value));
            case "maximum" -> s.maximum(decimal(value));
            case "exclusiveMinimum" -> s.exclusiveMinimumValue(decimal(value));
            case "exclusiveMaximum" -> s.exclusiveMaximumValue(decimal(value));
            case "minLength" -> s.minLength(((Number) value).intValue());
            case "maxLength" -> s.maxLength(((Number) value).intValue());
            case "minItems" -> s.minItems(((Number) value).intValue());
            case "maxItems" -> s.maxItems(((Number) value).intValue());
            case "pattern" -> s.pattern(value.toString());
            case "format" -> s.format(value.toString());
            case "notBlank" -> {
                if (s.getMinLength() == null) s.minLength(1);
            }
            default -> { }
        }
    }

    private static BigDecimal decimal(Object value) {
        return value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
    }
}
