package dev.brisk.params;

import dev.brisk.annotation.Body;
import dev.brisk.annotation.Cookie;
import dev.brisk.annotation.Default;
import dev.brisk.annotation.Form;
import dev.brisk.annotation.Header;
import dev.brisk.annotation.PathParam;
import dev.brisk.annotation.Query;
import dev.brisk.routing.PathTemplate;
import dev.brisk.validation.Check;
import dev.brisk.validation.Checks;
import dev.brisk.validation.Issue;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a handler method's signature into a {@link Plan}, once, at registration. Every decision
 * (source, name, type, default, constraints) is taken here; mistakes in the declaration fail here with
 * a message naming the method and parameter, never at request time.
 *
 * <p>The FastAPI rule for unannotated parameters: a name in the path template is a path parameter, an
 * {@link UploadFile} is a form file, a record or class is the JSON body, anything else is a query
 * parameter.
 */
final class Plans {
    private Plans() {}

    static {
        // Serialize one 422 body now, at registration: the first bad request must not pay Jackson's
        // serializer construction (hundreds of ms of class loading) on the event loop.
        dev.brisk.json.Json.defaultCodec().encode(java.util.Map.of("detail", List.of(
                Issue.MISSING.at(List.of("query", "warm-up"), null),
                new Issue("greater_than_equal", "", java.util.Map.of("ge", 1)).at(List.of("body", 0), null))));
    }

    static Plan compile(Object target, Method m, String template) {
        return compile(target, m, template, java.util.Map.of());
    }

    /** As above, reading the app's own types with its {@code converters}. */
    static Plan compile(Object target, Method m, String template, java.util.Map<Class<?>, Converter<?>> converters) {
        Set<String> pathNames = Set.copyOf(PathTemplate.parse(template).paramNames());
        Parameter[] ps = m.getParameters();
        long bodies = java.util.Arrays.stream(ps).filter(p -> sourceOf(p, pathNames) == Source.BODY).count();
        Binder[] binders = new Binder[ps.length];
        List<ParamSpec> specs = new ArrayList<>();
        boolean custom = false;
        boolean json = false;
        boolean form = false;
        boolean file = false;
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            if (!p.isNamePresent() && !hasExplicitName(p)) {
                throw bad(m, p, "parameter names are not available: compile with -parameters or name it in the annotation");
            }
            Source source = sourceOf(p, pathNames);
            for (Annotation a : p.getAnnotations()) custom |= Checks.isCustom(a);
            Binder b = binder(m, p, source, pathNames, bodies > 1, converters);
            binders[i] = b;
            if (b.spec() != null) specs.add(b.spec());
            dev.brisk.deps.Depends depends = p.getAnnotation(dev.brisk.deps.Depends.class);
            if (depends != null) specs.addAll(DeclaredProviders.specs(depends.value(), template, converters));
            json |= source == Source.BODY;
            form |= source == Source.FORM;
            file |= source == Source.FORM && Types.valueClass(p.getParameterizedType()) == UploadFile.class;
        }
        if (json && form) throw new IllegalArgumentException(m + ": a handler reads either a JSON body or a form, not both");
        String media = json ? "application/json" : file ? "multipart/form-data" : form ? "application/x-www-form-urlencoded" : null;
        return new Plan(binders, new RoutePlan(specs, media), target, m, custom);
    }

    private static boolean hasExplicitName(Parameter p) {
        return p.getType() == dev.brisk.Request.class || p.getType() == dev.brisk.deps.Scope.class || p.getType() == dev.brisk.WebSocket.class
                || p.isAnnotationPresent(dev.brisk.deps.Depends.class)
                || !nameOf(p).isEmpty();
    }

    static Source sourceOf(Parameter p, Set<String> pathNames) {
        if (p.getType() == dev.brisk.Request.class || p.getType() == dev.brisk.deps.Scope.class || p.getType() == dev.brisk.WebSocket.class) return Source.REQUEST;
        if (p.isAnnotationPresent(dev.brisk.deps.Depends.class)) return Source.REQUEST; // made by a provider, not the client
        if (p.isAnnotationPresent(PathParam.class)) return Source.PATH;
        if (p.isAnnotationPresent(Query.class)) return Source.QUERY;
        if (p.isAnnotationPresent(Header.class)) return Source.HEADER;
        if (p.isAnnotationPresent(Cookie.class)) return Source.COOKIE;
        if (p.isAnnotationPresent(Form.class)) return Source.FORM;
        if (p.isAnnotationPresent(Body.class)) return Source.BODY;
        Type t = p.getParameterizedType();
        if (pathNames.contains(p.getName())) return Source.PATH;
        if (Types.valueClass(t) == UploadFile.class) return Source.FORM;
        Type inner = Types.unwrapOptional(t);
        if (Types.isModel(t) || Types.raw(inner) == java.util.Map.class) return Source.BODY;
        if (Types.isCollection(inner) && Types.isModel(Types.arg(inner, 0))) return Source.BODY; // List<Item>: FastAPI reads a body
        return Source.QUERY;
    }

    private static String nameOf(Parameter p) {
        PathParam pp = p.getAnnotation(PathParam.class);
        if (pp != null) return pp.value();
        Query q = p.getAnnotation(Query.class);
        if (q != null) return q.value();
        Header h = p.getAnnotation(Header.class);
        if (h != null) return h.value();
        Cookie c = p.getAnnotation(Cookie.class);
        if (c != null) return c.value();
        Form f = p.getAnnotation(Form.class);
        if (f != null) return f.value();
        return "";
    }

    /** FastAPI's header conversion, plus camelCase: {@code user_agent}, {@code userAgent} → {@code user-agent}. */
    static String headerName(String javaName) {
        StringBuilder sb = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (c == '_') sb.append('-');
            else if (Character.isUpperCase(c)) {
                if (i > 0 && javaName.charAt(i - 1) != '_') sb.append('-');
                sb.append(Character.toLowerCase(c));
            } else sb.append(c);
        }
        return sb.toString();
    }

    private static Binder binder(Method m, Parameter p, Source source, Set<String> pathNames, boolean embedBodies,
                                 java.util.Map<Class<?>, Converter<?>> converters) {
        dev.brisk.deps.Depends depends = p.getAnnotation(dev.brisk.deps.Depends.class);
        if (depends != null) return BodyBinders.dependency(depends.value());
        if (p.getType() == dev.brisk.deps.Scope.class) return BodyBinders.SCOPE;
        if (source == Source.REQUEST) return p.getType() == dev.brisk.WebSocket.class ? WebSocketControllers.SOCKET : BodyBinders.REQUEST;
        Type type = p.getParameterizedType();
        String explicit = nameOf(p);
        String name = explicit.isEmpty() ? p.getName() : explicit;
        Header header = p.getAnnotation(Header.class);
        if (header != null && explicit.isEmpty() && header.convertUnderscores()) name = headerName(name);
        if (source == Source.PATH && !pathNames.contains(name)) {
            throw bad(m, p, "path parameter '" + name + "' is not in the route's path template");
        }
        String def = defaultOf(p);
        boolean optional = Types.isOptional(type);
        boolean required = source == Source.PATH || (def == null && !optional && declaredRequired(p));
        Annotation[] annotations = p.getAnnotations();
        List<Check> checks = Checks.compile(annotations);
        List<Check> elementChecks = Checks.compile(elementAnnotations(p.getAnnotatedType()));
        ParamSpec spec = new ParamSpec(name, p.getName(), source, type, required, def, Specs.constraints(checks, type));
        if (source == Source.BODY) return BodyBinders.json(spec, embedBodies, checks);
        if (source == Source.FORM && spec.valueClass() == UploadFile.class) return BodyBinders.file(spec);
        Scalars.Scalar scalar = Scalars.of(spec.valueClass(), converters);
        if (scalar == null) {
            throw bad(m, p, "type " + type.getTypeName() + " cannot be read from the " + source.name().toLowerCase()
                    + "; use a scalar (String, int, UUID, enum, java.time ...), Optional or List of one,"
                    + " or register a Converter for it with BriskConfig.converter");
        }
        return new TextBinder(spec, scalar, fallback(m, p, spec, scalar, def), checks, elementChecks);
    }

    private static boolean declaredRequired(Parameter p) {
        Query q = p.getAnnotation(Query.class);
        if (q != null) return q.required();
        Header h = p.getAnnotation(Header.class);
        if (h != null) return h.required();
        Cookie c = p.getAnnotation(Cookie.class);
        if (c != null) return c.required();
        Form f = p.getAnnotation(Form.class);
        if (f != null) return f.required();
        Body b = p.getAnnotation(Body.class);
        if (b != null) return b.required();
        return true;
    }

    private static String defaultOf(Parameter p) {
        Default d = p.getAnnotation(Default.class);
        if (d != null) return d.value();
        String v = Default.NONE;
        Query q = p.getAnnotation(Query.class);
        if (q != null) v = q.defaultValue();
        Header h = p.getAnnotation(Header.class);
        if (h != null) v = h.defaultValue();
        Cookie c = p.getAnnotation(Cookie.class);
        if (c != null) v = c.defaultValue();
        Form f = p.getAnnotation(Form.class);
        if (f != null) v = f.defaultValue();
        return Default.NONE.equals(v) ? null : v;
    }

    private static Annotation[] elementAnnotations(AnnotatedType t) {
        if (t instanceof AnnotatedParameterizedType pt) {
            AnnotatedType arg = pt.getAnnotatedActualTypeArguments()[0];
            if (Types.isOptional(t.getType())) return elementAnnotations(arg);
            return arg.getAnnotations();
        }
        return new Annotation[0];
    }

    /** The argument when the request has no value: the parsed default, empty, zero or null. */
    private static Object fallback(Method m, Parameter p, ParamSpec spec, Scalars.Scalar scalar, String def) {
        Type type = spec.type();
        boolean optional = Types.isOptional(type);
        Type inner = Types.unwrapOptional(type);
        Object value;
        if (def != null) {
            List<Object> parts = new ArrayList<>();
            for (String s : spec.multiple() ? def.split(",") : new String[] {def}) {
                switch (scalar.parse(s)) {
                    case Parsed.Invalid(var i) -> throw bad(m, p, "default '" + def + "' is invalid: " + i.msg());
                    case Parsed.Ok(var v) -> parts.add(v);
                }
            }
            value = !spec.multiple() ? parts.get(0) : Types.raw(inner) == Set.class ? Set.copyOf(parts) : List.copyOf(parts);
            return optional ? Optional.of(value) : value;
        }
        if (optional) return Optional.empty();
        if (spec.multiple()) return Types.raw(inner) == Set.class ? Set.of() : List.of();
        Class<?> c = Types.raw(type);
        if (!c.isPrimitive()) return null;
        if (c == boolean.class) return false;
        if (c == char.class) return '\0';
        if (c == long.class) return 0L;
        if (c == double.class) return 0.0;
        if (c == float.class) return 0f;
        if (c == short.class) return (short) 0;
        if (c == byte.class) return (byte) 0;
        return 0;
    }

    private static IllegalArgumentException bad(Method m, Parameter p, String why) {
        return new IllegalArgumentException(m.getDeclaringClass().getSimpleName() + "." + m.getName() + "(" + p.getName() + "): " + why);
    }
}
