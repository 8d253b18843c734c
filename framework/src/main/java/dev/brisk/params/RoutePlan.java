package dev.brisk.params;

import java.util.List;
import java.util.Optional;

/**
 * The inputs of one route, compiled once when the route is registered and attached to it with
 * {@code route.extension(RoutePlan.class, plan)}. Read-only: the OpenAPI generator builds parameters
 * and the request body from it.
 *
 * <pre>{@code
 * RoutePlan plan = route.extension(RoutePlan.class);
 * plan.body().ifPresent(b -> System.out.println(plan.bodyMediaType() + " " + b.type()));
 * for (ParamSpec f : RoutePlan.fields(Item.class)) System.out.println(f.name() + " " + f.constraints());
 * }</pre>
 *
 * @param params every declared input in signature order (including body and form fields; {@code Request} parameters excluded)
 * @param bodyMediaType {@code application/json}, {@code application/x-www-form-urlencoded},
 *     {@code multipart/form-data} (a form with a file), or {@code null} when the route reads no body
 */
public record RoutePlan(List<ParamSpec> params, String bodyMediaType) {
    public RoutePlan {
        params = List.copyOf(params);
    }

    /** The parameters from one source, in signature order. */
    public List<ParamSpec> params(Source source) {
        return params.stream().filter(p -> p.source() == source).toList();
    }

    /** The JSON body parameter, if the route has one. */
    public Optional<ParamSpec> body() {
        return params.stream().filter(p -> p.source() == Source.BODY).findFirst();
    }

    /**
     * The fields of a record (or of the record inside {@code Optional}/{@code List}) as Brisk binds them
     * from JSON: name, generic type, required (not {@code Optional}), constraints. Empty for other types.
     */
    public static List<ParamSpec> fields(Class<?> recordType) {
        return RecordModel.of(recordType).map(RecordModel::specs).orElse(List.of());
    }
}
