package dev.brisk.openapi;

import dev.brisk.validation.Constraint;
import dev.brisk.params.ParamSpec;
import dev.brisk.params.RoutePlan;
import dev.brisk.params.Source;
import dev.brisk.routing.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented inputs of a route: from its compiled {@link RoutePlan} when it has one (typed
 * handlers), else from the path template alone (a lambda route reading {@code req.pathParam}), where each
 * {@code {name}} is a required string path parameter.
 */
final class Inputs {
    private Inputs() {}

    static List<Input> of(Route route) {
        RoutePlan plan = route.extension(RoutePlan.class);
        List<Input> out = new ArrayList<>();
        if (plan == null) {
            for (String name : route.path().paramNames()) {
                out.add(new Input(name, "path", String.class, true, null, Map.of()));
            }
            return out;
        }
        for (ParamSpec p : plan.params()) {
            if (p.source() == Source.REQUEST) continue;
            Map<String, Object> keywords = new LinkedHashMap<>();
            for (Constraint c : p.constraints()) keywords.put(c.keyword(), c.value());
            out.add(new Input(p.name(), in(p.source()), p.type(), p.required(), p.defaultValue(), keywords));
        }
        return out;
    }

    /** The request body's media type, or {@code null} when the route reads none (or has no plan). */
    static String bodyMediaType(Route route) {
        RoutePlan plan = route.extension(RoutePlan.class);
        return plan == null ? null : plan.bodyMediaType();
    }

    private static String in(Source source) {
        return switch (source) {
            case BODY -> "body";
            case FORM -> "form";
            default -> source.loc();
        };
    }
}
