package dev.brisk.params;

import dev.brisk.Request;
import dev.brisk.validation.Check;
import dev.brisk.validation.Issue;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Binders for the JSON body, uploaded files and the {@code Request} itself. */
final class BodyBinders {
    private BodyBinders() {}

    /**
     * The JSON body, or (when a handler declares several body parameters) the member {@code name} of
     * the body object, as FastAPI embeds them.
     */
    static Binder json(ParamSpec spec, boolean embedded, List<Check> checks) {
        JsonBinders.Binder binder = JsonBinders.of(spec.type());
        boolean optional = Types.isOptional(spec.type());
        Loc loc = embedded ? Loc.of("body", spec.name()) : Loc.of("body");
        Object absent = optional ? Optional.empty() : null;
        return new Binder() {
            @Override
            public Object bind(Bound b) {
                if (!b.hasBody()) return missing(b);
                if (!b.jsonContent()) return notJson(b);
                JsonNode tree = b.json();
                if (tree == null) return null; // json_invalid already reported
                JsonNode n = tree;
                if (embedded) {
                    n = tree.isObject() ? tree.get(spec.name()) : null;
                    if (n == null) return missing(b);
                }
                if (n.isNull() && optional) return Optional.empty();
                Object v = binder.bind(n, loc, b.errors);
                if (v == JsonBinders.FAILED) return null;
                Object inner = v instanceof Optional<?> o ? o.orElse(null) : v;
                for (Check c : checks) {
                    Issue i = inner == null ? null : c.test(inner);
                    if (i != null) {
                        b.errors.add(i, loc.list(), n);
                        return null;
                    }
                }
                return v;
            }

            /** A non-JSON content type: the body is text, as FastAPI passes it to validation. */
            private Object notJson(Bound b) {
                Type inner = Types.unwrapOptional(spec.type());
                Scalars.Scalar scalar = Types.isCollection(inner) ? null : Scalars.of(Types.raw(inner));
                String text = b.request.bodyText();
                Parsed p = scalar != null ? scalar.parse(text) : Parsed.invalid(
                        Types.isCollection(inner) ? JsonBinders.LIST_TYPE
                        : Types.raw(inner) == java.util.Map.class ? JsonBinders.DICT_TYPE : RecordModel.NOT_OBJECT);
                return switch (p) {
                    case Parsed.Invalid(Issue i) -> {
                        b.errors.add(i, loc.list(), text);
                        yield null;
                    }
                    case Parsed.Ok(Object v) -> optional ? Optional.of(v) : v;
                };
            }

            private Object missing(Bound b) {
                if (spec.required()) b.errors.add(Issue.MISSING, loc.list(), null);
                return absent;
            }

            @Override
            public ParamSpec spec() {
                return spec;
            }
        };
    }

    static final Issue NOT_A_FILE = Issue.of("value_error", "Value error, Expected UploadFile, received: <class 'str'>");

    /** An uploaded file ({@code UploadFile}, {@code Optional<UploadFile>}, {@code List<UploadFile>}). */
    static Binder file(ParamSpec spec) {
        boolean many = spec.multiple();
        boolean optional = Types.isOptional(spec.type());
        List<Object> loc = List.of("body", spec.name());
        return new Binder() {
            @Override
            public Object bind(Bound b) {
                List<UploadFile> files = b.form().files(spec.name());
                if (files.isEmpty()) {
                    List<String> text = b.form().fields(spec.name());
                    if (!text.isEmpty()) {
                        b.errors.add(NOT_A_FILE, loc, text.get(0));
                    } else if (spec.required()) {
                        b.errors.add(Issue.MISSING, loc, null);
                    }
                    return many ? (optional ? Optional.empty() : List.of()) : optional ? Optional.empty() : null;
                }
                Object v = many ? List.copyOf(files) : files.get(0);
                return optional ? Optional.of(v) : v;
            }

            @Override
            public ParamSpec spec() {
                return spec;
            }
        };
    }

    static final Binder SCOPE = new Binder() {
        @Override
        public Object bind(Bound b) {
            return dev.brisk.deps.Dependencies.scope(b.request);
        }

        @Override
        public ParamSpec spec() {
            return null;
        }
    };

    static final Binder REQUEST = new Binder() {
        @Override
        public Object bind(Bound b) {
            return b.request;
        }

        @Override
        public ParamSpec spec() {
            return null;
        }
    };

    /**
     * A {@code @Depends(P.class)} parameter: the provider's per-request value. Loop-lane handlers have
     * their dependencies resolved on a worker before binding (see {@code Controllers}), so here the
     * value is already cached and nothing blocks the loop.
     */
    @SuppressWarnings("rawtypes")
    static Binder dependency(Class<?> provider) {
        return new Binder() {
            @Override
            public Object bind(Bound b) {
                try {
                    return dev.brisk.deps.Dependencies.resolve(b.request, provider);
                } catch (dev.brisk.RequestValidationException e) {
                    // A dependency's own inputs were invalid: its errors join the route's, as in FastAPI.
                    e.errors().forEach(b.errors::add);
                    return null;
                }
            }

            @Override
            public ParamSpec spec() {
                return null;
            }
        };
    }

    /** The value of a {@code Request} parameter. */
    static boolean isRequest(Class<?> c) {
        return c == Request.class;
    }
}
