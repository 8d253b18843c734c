package dev.brisk.params;

import dev.brisk.Request;
import dev.brisk.validation.Check;
import dev.brisk.validation.Issue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed parameters for lambda routes, with the same conversions, constraints and 422 errors as
 * annotated handlers. Each accessor returns the converted value, or — when the value is missing or
 * invalid — records the error and returns a placeholder ({@code null}, zero, empty); {@link #validate()}
 * then throws one 422 listing <em>every</em> error. Call it before using the values.
 *
 * <pre>{@code
 * import static dev.brisk.validation.Rules.*;
 *
 * app.get("/items/{item_id}", loopSafe(req -> {
 *     Params p = Params.of(req);
 *     int id = p.path("item_id", int.class, ge(1));
 *     Optional<String> q = p.queryOptional("q", String.class, maxLength(50));
 *     int limit = p.query("limit", int.class, 10, ge(1), le(100));
 *     Item body = p.body(Item.class);
 *     p.validate();                               // 422 {"detail":[...all errors...]}
 *     return Map.of("item_id", id, "q", q.orElse(null), "limit", limit);
 * }));
 * }</pre>
 *
 * Not thread-safe: one instance per request, used by the handler's thread.
 */
public final class Params {
    private final Bound bound;

    private Params(Request req) {
        this.bound = new Bound(req);
    }

    public static Params of(Request req) {
        return new Params(req);
    }

    /** A required path parameter. */
    public <T> T path(String name, Class<T> type, Check... checks) {
        return one(Source.PATH, name, type, zero(type), true, checks);
    }

    /** A required query parameter ({@code missing} when absent). */
    public <T> T query(String name, Class<T> type, Check... checks) {
        return one(Source.QUERY, name, type, zero(type), true, checks);
    }

    /** A query parameter with a default used when it is absent. */
    public <T> T query(String name, Class<T> type, T defaultValue, Check... checks) {
        return one(Source.QUERY, name, type, defaultValue != null ? defaultValue : zero(type), false, checks);
    }

    /** An optional query parameter. */
    public <T> Optional<T> queryOptional(String name, Class<T> type, Check... checks) {
        return Optional.ofNullable(one(Source.QUERY, name, type, null, false, checks));
    }

    /** Every value of a repeated query key ({@code ?tag=a&tag=b}), possibly empty; errors are located by index. */
    public <T> List<T> queryList(String name, Class<T> type, Check... elementChecks) {
        return many(Source.QUERY, name, type, elementChecks);
    }

    /** A required header (name matched case-insensitively, no conversion: pass {@code "user-agent"}). */
    public <T> T header(String name, Class<T> type, Check... checks) {
        return one(Source.HEADER, name, type, zero(type), true, checks);
    }

    /** An optional header. */
    public <T> Optional<T> headerOptional(String name, Class<T> type, Check... checks) {
        return Optional.ofNullable(one(Source.HEADER, name, type, null, false, checks));
    }

    /** A required cookie. */
    public <T> T cookie(String name, Class<T> type, Check... checks) {
        return one(Source.COOKIE, name, type, zero(type), true, checks);
    }

    /** An optional cookie. */
    public <T> Optional<T> cookieOptional(String name, Class<T> type, Check... checks) {
        return Optional.ofNullable(one(Source.COOKIE, name, type, null, false, checks));
    }

    /** A required form field (urlencoded or multipart). */
    public <T> T form(String name, Class<T> type, Check... checks) {
        return one(Source.FORM, name, type, zero(type), true, checks);
    }

    /** A required uploaded file of a multipart form. */
    public UploadFile file(String name) {
        List<UploadFile> files = bound.form().files(name);
        if (files.isEmpty()) {
            bound.errors.add(Issue.MISSING, List.of("body", name), null);
            return null;
        }
        return files.get(0);
    }

    /**
     * The JSON body bound to {@code type} (a record, class, {@code List}, {@code Map} ...), with every field
     * error reported; {@code null} if it is missing or invalid.
     */
    @SuppressWarnings("unchecked")
    public <T> T body(Class<T> type, Check... checks) {
        Binder b = checks.length == 0 ? BODIES.get(type) : bodyBinder(type, checks);
        return (T) b.bind(bound);
    }

    /** Body binders compiled once per type, not per request. */
    private static final ClassValue<Binder> BODIES = new ClassValue<>() {
        @Override
        protected Binder computeValue(Class<?> type) {
            return bodyBinder(type, new Check[0]);
        }
    };

    private static Binder bodyBinder(Class<?> type, Check[] checks) {
        ParamSpec spec = new ParamSpec("body", "body", Source.BODY, type, true, null, List.of());
        return BodyBinders.json(spec, false, List.of(checks));
    }

    /** Whether no error has been found so far. */
    public boolean valid() {
        return bound.errors.isEmpty();
    }

    /** Throws {@link dev.brisk.RequestValidationException} (422) if any accessor found an error. */
    public void validate() {
        bound.errors.throwIfAny();
    }

    @SuppressWarnings("unchecked")
    /** {@code fallback}: what an absent or invalid value yields (a primitive's zero, the default, or {@code null} for optionals). */
    private <T> T one(Source source, String name, Class<T> type, Object fallback, boolean required, Check[] checks) {
        ParamSpec spec = new ParamSpec(name, name, source, type, required, null, List.of());
        Object v = new TextBinder(spec, scalar(type), fallback, List.of(checks), List.of()).bind(bound);
        return (T) v;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> many(Source source, String name, Class<T> type, Check[] elementChecks) {
        Scalars.Scalar scalar = scalar(type);
        List<String> raws = source == Source.QUERY ? bound.request.queryParams(name) : bound.request.headers(name);
        List<T> out = new ArrayList<>(raws.size());
        for (int i = 0; i < raws.size(); i++) {
            Parsed p = scalar.parse(raws.get(i));
            Object v = p instanceof Parsed.Ok ok ? ok.value() : null;
            Issue issue = p instanceof Parsed.Invalid bad ? bad.issue() : null;
            for (int k = 0; issue == null && k < elementChecks.length; k++) issue = elementChecks[k].test(v);
            if (issue != null) bound.errors.add(issue, List.of(source.loc(), name, i), raws.get(i));
            else out.add((T) v);
        }
        return List.copyOf(out);
    }

    private Scalars.Scalar scalar(Class<?> type) {
        dev.brisk.BriskConfig config = dev.brisk.internal.app.AppAware.service(bound.request, dev.brisk.BriskConfig.class, null);
        Scalars.Scalar s = config == null ? Scalars.of(type) : Scalars.of(type, config.converters());
        if (s == null) throw new IllegalArgumentException(type.getName() + " is not a parameter type; use a scalar or body()");
        return s;
    }

    private static Object zero(Class<?> c) {
        if (!c.isPrimitive()) return null;
        if (c == boolean.class) return false;
        if (c == long.class) return 0L;
        if (c == double.class) return 0.0;
        if (c == float.class) return 0f;
        if (c == short.class) return (short) 0;
        if (c == byte.class) return (byte) 0;
        if (c == char.class) return '\0';
        return 0;
    }
}
