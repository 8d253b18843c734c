package dev.brisk.params;

import dev.brisk.validation.Check;
import dev.brisk.validation.Issue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Binds a value that arrives as text: path, query, header, cookie or form field, single or repeated
 * ({@code List}/{@code Set}). Everything is decided at compile time; a request pays one lookup, one
 * conversion and the checks.
 */
final class TextBinder implements Binder {
    private final ParamSpec spec;
    private final String name;
    private final Source source;
    private final Scalars.Scalar scalar;
    private final boolean optional;
    private final boolean multi;
    private final boolean set;
    private final boolean required;
    private final Object fallback;
    private final List<Check> checks;
    private final List<Check> elementChecks;
    private final List<Object> loc;

    TextBinder(ParamSpec spec, Scalars.Scalar scalar, Object fallback, List<Check> checks, List<Check> elementChecks) {
        this.spec = spec;
        this.name = spec.name();
        this.source = spec.source();
        this.scalar = scalar;
        this.optional = Types.isOptional(spec.type());
        this.multi = spec.multiple();
        this.set = multi && Types.raw(Types.unwrapOptional(spec.type())) == java.util.Set.class;
        this.required = spec.required();
        this.fallback = fallback;
        this.checks = checks;
        this.elementChecks = elementChecks;
        this.loc = List.of(source.loc(), name);
    }

    @Override
    public ParamSpec spec() {
        return spec;
    }

    @Override
    public Object bind(Bound b) {
        return multi ? bindMany(b) : bindOne(b);
    }

    private Object bindOne(Bound b) {
        String raw = switch (source) {
            case PATH -> b.request.pathParam(name);
            case QUERY -> b.request.queryParam(name);
            case HEADER -> b.request.header(name);
            case COOKIE -> b.request.cookie(name);
            default -> first(b.form().fields(name));
        };
        if (raw == null) return absent(b);
        Parsed p = scalar.parse(raw);
        if (p instanceof Parsed.Invalid(Issue i)) {
            b.errors.add(i, loc, raw);
            return fallback;
        }
        Object v = ((Parsed.Ok) p).value();
        for (int k = 0; k < checks.size(); k++) {
            Issue i = checks.get(k).test(v);
            if (i != null) {
                b.errors.add(i, loc, raw);
                return fallback;
            }
        }
        return optional ? Optional.of(v) : v;
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    private Object absent(Bound b) {
        if (required) b.errors.add(Issue.MISSING, loc, null);
        return fallback;
    }

    private Object bindMany(Bound b) {
        List<String> raws = switch (source) {
            case QUERY -> b.request.queryParams(name);
            case HEADER -> b.request.headers(name);
            case FORM -> b.form().fields(name);
            default -> {
                String one = source == Source.PATH ? b.request.pathParam(name) : b.request.cookie(name);
                yield one == null ? List.of() : List.of(one);
            }
        };
        if (raws.isEmpty()) return absent(b);
        List<Object> out = new ArrayList<>(raws.size());
        boolean ok = true;
        for (int idx = 0; idx < raws.size(); idx++) {
            String raw = raws.get(idx);
            Parsed p = scalar.parse(raw);
            Object v = p instanceof Parsed.Ok good ? good.value() : null;
            Issue issue = p instanceof Parsed.Invalid bad ? bad.issue() : null;
            for (int k = 0; issue == null && k < elementChecks.size(); k++) issue = elementChecks.get(k).test(v);
            if (issue != null) {
                b.errors.add(issue, List.of(source.loc(), name, idx), raw);
                ok = false;
            } else {
                out.add(v);
            }
        }
        if (!ok) return fallback;
        Object coll = set ? Collections.unmodifiableSet(new LinkedHashSet<>(out)) : Collections.unmodifiableList(out);
        for (Check c : checks) {
            Issue i = c.test(coll);
            if (i != null) {
                b.errors.add(i, loc, raws);
                return fallback;
            }
        }
        return optional ? Optional.of(coll) : coll;
    }
}
