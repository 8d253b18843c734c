package dev.brisk.params;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.brisk.validation.BeanValidation;
import dev.brisk.validation.Check;
import dev.brisk.validation.Checks;
import dev.brisk.validation.Errors;
import dev.brisk.validation.Issue;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * How a record is bound from a JSON object, compiled once per record type: one field binder and the
 * compiled constraint checks per component, and the canonical constructor as a spreading method
 * handle. Binding visits every field and reports every error (pydantic does), then constructs.
 */
final class RecordModel {
    static final Issue NOT_OBJECT = Issue.of("model_attributes_type", "Input should be a valid dictionary or object to extract fields from");
    private static final Map<Class<?>, RecordModel> CACHE = new ConcurrentHashMap<>();

    private final Class<?> type;
    private Field[] fields;
    private MethodHandle constructor;
    private boolean custom;
    private volatile boolean ready;
    // Each field's JSON key under the mapper of the app that last bound this model (its naming strategy
    // renames fields, as it does when writing them). An app keeps its mapper, so this is computed once;
    // two apps with different mappers in one JVM each get their own keys, recomputed on a change.
    private volatile Keys keys;

    private record Keys(dev.brisk.json.Json json, String[] names) {}

    /** One record component. */
    record Field(String name, String javaName, Type type, boolean optional, boolean notNull, JsonBinders.Binder binder,
                 List<Check> checks) {}

    private RecordModel(Class<?> type) {
        this.type = type;
    }

    /** The model of a record type (or of the record inside {@code Optional}/{@code List}). */
    static Optional<RecordModel> of(Type t) {
        Class<?> c = Types.valueClass(t);
        return c.isRecord() ? Optional.of(get(c)) : Optional.empty();
    }

    static RecordModel get(Class<?> c) {
        RecordModel m = CACHE.get(c);
        if (m != null && m.ready) return m;
        synchronized (CACHE) {
            m = CACHE.get(c);
            if (m != null) return m; // ready, or being compiled by this thread (a recursive record)
            m = new RecordModel(c);
            CACHE.put(c, m);
            try {
                m.compile();
            } catch (RuntimeException e) {
                CACHE.remove(c);
                throw e;
            }
            m.ready = true;
            return m;
        }
    }

    private void compile() {
        RecordComponent[] comps = type.getRecordComponents();
        Field[] fs = new Field[comps.length];
        Class<?>[] ctorTypes = new Class<?>[comps.length];
        boolean anyCustom = false;
        for (Annotation a : type.getAnnotations()) anyCustom |= Checks.isCustom(a);
        for (int i = 0; i < comps.length; i++) {
            RecordComponent rc = comps[i];
            Annotation[] annotations = rc.getAccessor().getAnnotations();
            for (Annotation a : annotations) anyCustom |= Checks.isCustom(a);
            JsonProperty alias = rc.getAccessor().getAnnotation(JsonProperty.class);
            String name = alias != null && !alias.value().isEmpty() ? alias.value() : rc.getName();
            Type gt = rc.getGenericType();
            fs[i] = new Field(name, rc.getName(), gt, Types.isOptional(gt), Checks.hasNotNull(annotations),
                    JsonBinders.of(gt), Checks.compile(annotations));
            ctorTypes[i] = rc.getType();
        }
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(ctorTypes);
            ctor.setAccessible(true);
            MethodHandle mh = MethodHandles.lookup().unreflectConstructor(ctor);
            constructor = mh.asSpreader(Object[].class, comps.length).asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("cannot bind record " + type.getName() + ": " + e.getMessage(), e);
        }
        fields = fs;
        custom = anyCustom;
    }

    private String[] keys(dev.brisk.json.Json json) {
        Keys k = keys;
        if (k != null && k.json() == json) return k.names();
        RecordComponent[] comps = type.getRecordComponents();
        String[] names = new String[comps.length];
        for (int i = 0; i < comps.length; i++) names[i] = json.propertyName(comps[i]);
        keys = new Keys(json, names);
        return names;
    }

    List<ParamSpec> specs() {
        List<ParamSpec> out = new ArrayList<>();
        for (Field f : fields) {
            out.add(new ParamSpec(f.name, f.javaName, Source.BODY, f.type, !f.optional, null, Specs.constraints(f.checks, f.type)));
        }
        return out;
    }

    Class<?> type() {
        return type;
    }

    /** The record, or {@link JsonBinders#FAILED} after reporting every error under {@code loc}. */
    Object bind(JsonNode n, Loc loc, Errors errors) {
        if (!n.isObject()) {
            errors.add(NOT_OBJECT, loc.list(), n);
            return JsonBinders.FAILED;
        }
        Object[] args = new Object[fields.length];
        String[] names = keys(errors.json());
        boolean ok = true;
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            String name = names[i];
            JsonNode v = n.get(name);
            if (v == null || (v.isNull() && f.optional)) {
                if (f.optional && !f.notNull) {
                    args[i] = Optional.empty();
                } else {
                    errors.add(Issue.MISSING, loc.child(name).list(), v == null ? n : null);
                    ok = false;
                }
                continue;
            }
            Loc at = loc.child(name);
            Object value = f.binder.bind(v, at, errors);
            if (value == JsonBinders.FAILED) {
                ok = false;
                continue;
            }
            Object inner = value instanceof Optional<?> o ? o.orElse(null) : value;
            if (inner != null) {
                for (Check c : f.checks) {
                    Issue issue = c.test(inner);
                    if (issue != null) {
                        errors.add(issue, at.list(), v);
                        ok = false;
                        break;
                    }
                }
            }
            args[i] = value;
        }
        if (!ok) return JsonBinders.FAILED;
        Object instance;
        try {
            instance = (Object) constructor.invokeExact(args);
        } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            // a compact constructor's own check: pydantic's model validator error
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            errors.add(new Issue("value_error", "Value error, " + msg, Map.of("error", msg)), loc.list(), n);
            return JsonBinders.FAILED;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
        if (custom) {
            List<Object> here = loc.list();
            var found = BeanValidation.validate(instance, here, true);
            if (!found.isEmpty()) {
                for (var e : found) {
                    // a class-level error's input is the object as received
                    errors.add(e.loc().equals(here) && e.input() == null
                            ? new dev.brisk.validation.ValidationError(e.type(), e.loc(), e.msg(), n, e.ctx()) : e);
                }
                return JsonBinders.FAILED;
            }
        }
        return instance;
    }
}
