package dev.brisk.params;

import dev.brisk.json.Json;
import dev.brisk.validation.BeanValidation;
import dev.brisk.validation.Errors;
import dev.brisk.validation.Issue;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;

/**
 * Binders from a parsed JSON tree to Java values, compiled once per declared type. Records, scalars,
 * {@code Optional}, {@code List}/{@code Set} and {@code Map<String, V>} are bound by Brisk so that every
 * error is reported with its exact {@code loc}; other classes go through Jackson, then Hibernate
 * Validator.
 */
final class JsonBinders {
    /** Returned by a binder that reported its errors. */
    static final Object FAILED = new Object();

    static final Issue LIST_TYPE = Issue.of("list_type", "Input should be a valid list");
    static final Issue SET_TYPE = Issue.of("set_type", "Input should be a valid set");
    static final Issue DICT_TYPE = Issue.of("dict_type", "Input should be a valid dictionary");

    private JsonBinders() {}

    /** Binds one JSON value (never Java {@code null}; JSON {@code null} is a {@code NullNode}). */
    interface Binder {
        Object bind(JsonNode n, Loc loc, Errors errors);
    }

    static Binder of(Type t) {
        Class<?> raw = Types.raw(t);
        if (raw == Optional.class) {
            Binder inner = of(Types.arg(t, 0));
            return (n, loc, errors) -> {
                if (n.isNull()) return Optional.empty();
                Object v = inner.bind(n, loc, errors);
                return v == FAILED ? FAILED : Optional.of(v);
            };
        }
        if (raw == List.class || raw == Set.class || raw == java.util.Collection.class) return collection(Types.arg(t, 0), raw == Set.class);
        if (raw == Map.class) return map(Types.arg(t, 1));
        if (raw == JsonNode.class) return (n, loc, errors) -> n;
        Scalars.Scalar scalar = Scalars.of(raw);
        if (scalar != null) {
            return (n, loc, errors) -> {
                return switch (scalar.fromJson(n)) {
                    case Parsed.Invalid(Issue i) -> {
                        errors.add(i, loc.list(), n);
                        yield FAILED;
                    }
                    case Parsed.Ok(Object v) -> v;
                };
            };
        }
        if (raw.isRecord()) {
            // compiled now, at registration; a record that contains itself gets its own (in-progress) model
            RecordModel model = RecordModel.get(raw);
            return model::bind;
        }
        if (raw == Object.class) return (n, loc, errors) -> errors.json().mapper().treeToValue(n, Object.class);
        return pojo(t, raw);
    }

    private static Binder collection(Type element, boolean set) {
        Binder inner = of(element);
        return (n, loc, errors) -> {
            if (!n.isArray()) {
                errors.add(set ? SET_TYPE : LIST_TYPE, loc.list(), n);
                return FAILED;
            }
            List<Object> out = new ArrayList<>(n.size());
            boolean ok = true;
            for (int i = 0; i < n.size(); i++) {
                Object v = inner.bind(n.get(i), loc.child(i), errors);
                if (v == FAILED) ok = false;
                else out.add(v);
            }
            if (!ok) return FAILED;
            return set ? Collections.unmodifiableSet(new LinkedHashSet<>(out)) : Collections.unmodifiableList(out);
        };
    }

    private static Binder map(Type value) {
        Binder inner = of(value);
        return (n, loc, errors) -> {
            if (!n.isObject()) {
                errors.add(DICT_TYPE, loc.list(), n);
                return FAILED;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                Object v = inner.bind(e.getValue(), loc.child(e.getKey()), errors);
                if (v == FAILED) ok = false;
                else out.put(e.getKey(), v);
            }
            return ok ? Collections.unmodifiableMap(out) : FAILED;
        };
    }

    /** A plain class: Jackson binds it (first error only), Hibernate Validator validates it (all errors). */
    private static Binder pojo(Type t, Class<?> raw) {
        return (n, loc, errors) -> {
            if (!n.isObject()) {
                errors.add(RecordModel.NOT_OBJECT, loc.list(), n);
                return FAILED;
            }
            Object v;
            try {
                v = errors.json().mapper().treeToValue(n, errors.json().mapper().constructType(t));
            } catch (DatabindException e) {
                List<Object> path = new ArrayList<>();
                for (JacksonException.Reference r : e.getPath()) path.add(r.getPropertyName() != null ? r.getPropertyName() : r.getIndex());
                Class<?> target = e instanceof tools.jackson.databind.exc.MismatchedInputException m && m.getTargetType() != null
                        ? m.getTargetType() : null;
                Scalars.Scalar s = target == null ? null : Scalars.of(target);
                Issue issue = s != null ? s.typeIssue()
                        : new Issue("value_error", "Value error, " + e.getOriginalMessage(), Map.of("error", e.getOriginalMessage()));
                JsonNode input = n;
                for (Object p : path) input = input == null ? null : p instanceof String k ? input.get(k) : input.get((Integer) p);
                errors.add(issue, loc.list(path), input);
                return FAILED;
            }
            var found = BeanValidation.validate(v, loc.list(), false);
            if (!found.isEmpty()) {
                found.forEach(errors::add);
                return FAILED;
            }
            return v;
        };
    }
}
