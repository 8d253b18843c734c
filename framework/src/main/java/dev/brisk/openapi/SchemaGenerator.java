package dev.brisk.openapi;

import dev.brisk.params.UploadFile;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

/**
 * Java types to JSON Schema (OpenAPI 3.1 dialect). Records and enums become named component schemas
 * referenced with {@code $ref}; everything else is inlined. Types that cannot be described (raw
 * {@code Object}, type variables, recursive records, plain classes) become a permissive schema and are
 * reported through {@link #problems()} so that the builder can warn once per route.
 *
 * <p>One instance per document: it owns the components it has produced.
 */
final class SchemaGenerator {
    // The app's own text-read types: documented as strings with the converter's format.
    private final java.util.Map<Class<?>, dev.brisk.params.Converter<?>> converters;
    // The app's mapper: record properties are named as it reads and writes them (@JsonProperty, naming strategy).
    private final dev.brisk.json.Json json;

    SchemaGenerator() {
        this(java.util.Map.of(), dev.brisk.json.Json.defaultCodec());
    }

    SchemaGenerator(java.util.Map<Class<?>, dev.brisk.params.Converter<?>> converters, dev.brisk.json.Json json) {
        this.converters = converters;
        this.json = json;
    }

    private final Map<String, Schema<?>> components = new TreeMap<>();
    private final Map<Class<?>, String> names = new LinkedHashMap<>();
    private final Set<Class<?>> inProgress = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    /** The component schemas produced so far, by name (sorted, so the document is stable). */
    Map<String, Schema<?>> components() {
        return components;
    }

    /** Descriptions of what could not be described since the last {@link #clearProblems()}. */
    List<String> problems() {
        return List.copyOf(problems);
    }

    void clearProblems() {
        problems.clear();
    }

    /** A schema for {@code type}; {@code annotated} (a record component or parameter) adds constraints. */
    Schema<?> schema(Type type, AnnotatedElement annotated) {
        Schema<?> s = schema(type);
        if (annotated != null) {
            if (s.get$ref() != null && Constraints.has(annotated)) s = new Schema<>().allOf(List.of(s));
            Constraints.apply(annotated, s);
            itemConstraints(annotated, s);
        }
        return s;
    }

    /** {@code List<@NotBlank String>}: constraints on the element type apply to {@code items}. */
    private static void itemConstraints(AnnotatedElement annotated, Schema<?> s) {
        AnnotatedType type = annotated instanceof RecordComponent rc ? rc.getAnnotatedType()
                : annotated instanceof java.lang.reflect.Parameter p ? p.getAnnotatedType() : null;
        if (!(type instanceof AnnotatedParameterizedType pt) || s.getItems() == null) return;
        AnnotatedType[] args = pt.getAnnotatedActualTypeArguments();
        if (args.length == 1 && s.getItems().get$ref() == null) Constraints.apply(args[0], s.getItems());
    }

    /** A schema for {@code type}. */
    Schema<?> schema(Type type) {
        if (type instanceof ParameterizedType p) return parameterized(p);
        if (type instanceof GenericArrayType g) return array(schema(g.getGenericComponentType()), false);
        if (!(type instanceof Class<?> c)) {
            problems.add("type " + type.getTypeName() + " is not a concrete type");
            return permissive();
        }
        Schema<?> simple = simple(c);
        if (simple != null) return simple;
        dev.brisk.params.Converter<?> converted = converters.get(c);
        if (converted != null) return typed("string", converted.format());
        if (c.isArray()) return array(schema(c.getComponentType()), false);
        if (c.isEnum()) return ref(c, () -> enumSchema(c));
        if (c.isRecord()) return record(c);
        if (Map.class.isAssignableFrom(c)) return object(permissive());
        if (Collection.class.isAssignableFrom(c)) return array(permissive(), Set.class.isAssignableFrom(c));
        if (c == Object.class) {
            problems.add("type Object cannot be described");
        } else {
            problems.add("class " + c.getName() + " is neither a record nor a known value type");
        }
        return permissive();
    }

    /** The empty schema: any JSON value. */
    static Schema<?> permissive() {
        return new Schema<>();
    }

    private Schema<?> parameterized(ParameterizedType p) {
        Class<?> raw = (Class<?>) p.getRawType();
        Type[] args = p.getActualTypeArguments();
        if (raw == Optional.class || CompletionStage.class.isAssignableFrom(raw) || Future.class.isAssignableFrom(raw)) {
            return schema(args[0]);
        }
        if (Collection.class.isAssignableFrom(raw)) return array(schema(args[0]), Set.class.isAssignableFrom(raw));
        if (Map.class.isAssignableFrom(raw)) {
            if (args[1] == Object.class) return object(permissive());
            return object(schema(args[1]));
        }
        return schema(raw);
    }

    private static Schema<?> simple(Class<?> c) {
        if (c == String.class || c == CharSequence.class) return typed("string", null);
        if (c == char.class || c == Character.class) return typed("string", null).minLength(1).maxLength(1);
        if (c == boolean.class || c == Boolean.class) return typed("boolean", null);
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class
                || c == byte.class || c == Byte.class) {
            return typed("integer", "int32");
        }
        if (c == long.class || c == Long.class || c == OptionalLong.class) return typed("integer", "int64");
        if (c == OptionalInt.class) return typed("integer", "int32");
        if (c == BigInteger.class) return typed("integer", null);
        if (c == float.class || c == Float.class) return typed("number", "float");
        if (c == double.class || c == Double.class || c == OptionalDouble.class) return typed("number", "double");
        if (c == BigDecimal.class || c == Number.class) return typed("number", null);
        if (c == UUID.class) return typed("string", "uuid");
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class || c == LocalDateTime.class) {
            return typed("string", "date-time");
        }
        if (c == LocalDate.class) return typed("string", "date");
        if (c == LocalTime.class || c == OffsetTime.class) return typed("string", "time");
        if (c == Duration.class) return typed("string", "duration");
        if (c == URI.class || c == URL.class) return typed("string", "uri");
        if (c == byte[].class) return typed("string", null).contentEncoding("base64");
        if (c == UploadFile.class) return typed("string", "binary");
        return null;
    }

    static Schema<?> typed(String type, String format) {
        Schema<?> s = new Schema<>().type(type);
        s.addType(type);
        if (format != null) s.format(format);
        return s;
    }

    private static Schema<?> array(Schema<?> items, boolean unique) {
        Schema<?> s = typed("array", null).items(items);
        if (unique) s.uniqueItems(true);
        return s;
    }

    private static Schema<?> object(Schema<?> values) {
        Schema<?> s = typed("object", null);
        s.additionalProperties(values.get$ref() == null && isPermissive(values) ? Boolean.TRUE : values);
        return s;
    }

    static boolean isPermissive(Schema<?> s) {
        return s.getTypes() == null && s.get$ref() == null && s.getAllOf() == null && s.getEnum() == null;
    }

    private Schema<?> ref(Class<?> c, java.util.function.Supplier<Schema<?>> body) {
        String name = names.get(c);
        if (name == null) {
            name = nameFor(c);
            names.put(c, name);
            components.put(name, body.get());
        }
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private Schema<?> record(Class<?> c) {
        if (inProgress.contains(c)) {
            problems.add("record " + c.getSimpleName() + " is recursive");
            return permissive();
        }
        String known = names.get(c);
        if (known != null) return new Schema<>().$ref("#/components/schemas/" + known);
        inProgress.add(c);
        try {
            Schema<?> s = typed("object", null).title(c.getSimpleName());
            List<String> required = new ArrayList<>();
            for (RecordComponent rc : c.getRecordComponents()) {
                Schema<?> field = schema(rc.getGenericType(), rc);
                String name = json.propertyName(rc);
                if (field.getTitle() == null && field.get$ref() == null) field.title(title(rc.getName()));
                s.addProperty(name, field);
                if (isRequired(rc)) required.add(name);
            }
            if (!required.isEmpty()) s.required(required);
            String name = nameFor(c);
            names.put(c, name);
            components.put(name, s);
            return new Schema<>().$ref("#/components/schemas/" + name);
        } finally {
            inProgress.remove(c);
        }
    }

    /** Brisk binds a record component as required unless it is an {@code Optional} (pydantic's rule). */
    private static boolean isRequired(RecordComponent rc) {
        Class<?> t = rc.getType();
        return t != Optional.class && t != OptionalInt.class && t != OptionalLong.class && t != OptionalDouble.class;
    }

    private static Schema<?> enumSchema(Class<?> c) {
        Schema<Object> s = new Schema<>();
        s.type("string").addType("string");
        s.title(c.getSimpleName());
        Set<Object> values = new LinkedHashSet<>();
        for (Object constant : c.getEnumConstants()) values.add(((Enum<?>) constant).name());
        s.setEnum(new ArrayList<>(values));
        return s;
    }

    private String nameFor(Class<?> c) {
        String simple = c.getSimpleName();
        if (!components.containsKey(simple) && !names.containsValue(simple)) return simple;
        return c.getName().replace('.', '_').replace('$', '_');
    }

    /** FastAPI's property titles: {@code item_id} → "Item Id". */
    static String title(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = true;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '_' || ch == '-') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') out.append(' ');
                upper = true;
            } else if (Character.isUpperCase(ch) && i > 0 && !upper) {
                out.append(' ').append(ch);
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString().trim();
    }
}
