package dev.brisk.opentelemetry;

import dev.brisk.observe.Observation;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.http.HttpRequest;

/**
 * A request's trace, as {@link RequestContextStorage} finds it: either a span the SDK started
 * ({@link BriskTracing.Traced}) or a request Brisk's own head sampling left out ({@link Untraced}).
 */
abstract sealed class RequestTrace implements Observation permits BriskTracing.Traced, Untraced {
    private static final TextMapSetter<HttpRequest.Builder> INJECT = (builder, key, value) -> {
        if (builder != null) builder.setHeader(key, value);
    };

    /** The request's context: its parent with the request's span in it. */
    abstract Context context();

    @Override
    public Observation.Scope enter() {
        if (BriskTracing.lazyContext()) return Observation.Scope.NONE; // Context.current() finds the request itself
        io.opentelemetry.context.Scope s = context().makeCurrent(); // (Observation.Scope shadows the import here)
        return s::close;
    }

    /** {@code request} with {@code context}'s trace headers set. */
    static HttpRequest inject(TextMapPropagator propagator, HttpRequest request, Context context) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request, (n, v) -> true);
        propagator.inject(context, b, INJECT);
        return b.build();
    }
}
