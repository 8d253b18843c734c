package dev.brisk.params;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Generic-type helpers used while compiling plans (never per request). */
final class Types {
    private Types() {}

    static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        if (t instanceof WildcardType w) return raw(w.getUpperBounds()[0]);
        if (t instanceof GenericArrayType g) return raw(g.getGenericComponentType()).arrayType();
        return Object.class;
    }

    /** The first type argument, or {@code Object} for a raw type. */
    static Type arg(Type t, int i) {
        if (t instanceof ParameterizedType p) {
            Type a = p.getActualTypeArguments()[i];
            return a instanceof WildcardType w ? w.getUpperBounds()[0] : a;
        }
        return Object.class;
    }

    static boolean isOptional(Type t) {
        return raw(t) == Optional.class;
    }

    static Type unwrapOptional(Type t) {
        return isOptional(t) ? arg(t, 0) : t;
    }

    static boolean isCollection(Type t) {
        Class<?> r = raw(t);
        return r == List.class || r == Set.class || r == Collection.class;
    }

    /** The element/value class: {@code Optional<List<Integer>>} → {@code Integer}. */
    static Class<?> valueClass(Type t) {
        Type u = unwrapOptional(t);
        if (isCollection(u)) u = arg(u, 0);
        return raw(u);
    }

    /** A record, or a class that is none of Brisk's scalar types: a JSON body by default. */
    static boolean isModel(Type t) {
        Class<?> c = raw(unwrapOptional(t));
        return c.isRecord() || (!Scalars.isScalar(c) && !c.isPrimitive() && !isCollection(c)
                && !c.getName().startsWith("java.") && c != UploadFile.class && !c.isEnum());
    }
}
