package dev.brisk.openapi;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * One documented input of an operation, whatever described it (the compiled parameter plan or, for
 * plain lambda routes, the path template): the builder needs nothing else.
 *
 * @param name the wire name
 * @param in {@code path}, {@code query}, {@code header}, {@code cookie}, {@code body} (JSON) or
 *     {@code form} (one form field)
 * @param type the declared generic type
 * @param required whether the request is rejected without it
 * @param defaultValue the default as text, or {@code null}
 * @param constraints JSON Schema keywords to values
 */
record Input(String name, String in, Type type, boolean required, String defaultValue, Map<String, Object> constraints) {
    Input {
        constraints = Map.copyOf(constraints);
    }

    boolean isParameter() {
        return !in.equals("body") && !in.equals("form");
    }
}
