package dev.brisk.openapi;

import dev.brisk.routing.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The documented inputs of a route. Without a compiled parameter plan (a plain lambda route) the path
 * template is all there is: each {@code {name}} is a required string path parameter.
 */
final class Inputs {
    private Inputs() {}

    static List<Input> of(Route route) {
        List<Input> out = new ArrayList<>();
        for (String name : route.path().paramNames()) {
            out.add(new Input(name, "path", String.class, true, null, Map.of()));
        }
        return out;
    }

    /** The request body's media type, or {@code null} when the route reads none (or it is JSON). */
    static String bodyMediaType(Route route) {
        return null;
    }
}
