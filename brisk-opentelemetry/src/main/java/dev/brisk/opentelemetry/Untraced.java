package dev.brisk.opentelemetry;

import dev.brisk.observe.ClientCall;
import dev.brisk.observe.RequestEnd;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.http.HttpRequest;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A request that Brisk's head sampling ({@link BriskTracing#sampleRatio}) left out. The SDK never sees it.
 * If the request's code asks for its trace context ({@code Span.current()}, or a call through the HTTP client),
 * Brisk makes the same context that the SDK makes for a span its sampler dropped: a non-recording span with a
 * new span id, in the caller's trace or in a new one, and never sampled. Most requests never ask, and then
 * they cost this one object.
 */
final class Untraced extends RequestTrace {
    private final TextMapPropagator propagator;
    private final Context parent;
    private final SpanContext remote;
    private final long traceIdLow;
    // Made when first asked for; two threads asking at once may each make one, and either is right: only a
    // sampled span's id is ever recorded.
    private Context context;

    /**
     * @param remote the caller's span context (valid: the caller did not sample) or an invalid one (a new trace)
     * @param traceIdLow the low half of a new trace's id: the value the head decision was drawn on
     */
    Untraced(TextMapPropagator propagator, Context parent, SpanContext remote, long traceIdLow) {
        this.propagator = propagator;
        this.parent = parent;
        this.remote = remote;
        this.traceIdLow = traceIdLow;
    }

    @Override
    Context context() {
        Context c = context;
        if (c == null) context = c = parent.with(Span.wrap(child()));
        return c;
    }

    // A new span in this request's trace, never sampled. A new trace's id ends with the value the decision was
    // drawn on, so a TraceIdRatioBased sampler with the same ratio in a later service also leaves it out.
    private SpanContext child() {
        String traceId;
        TraceState state;
        if (remote.isValid()) {
            traceId = remote.getTraceId();
            state = remote.getTraceState();
        } else {
            long high;
            do high = ThreadLocalRandom.current().nextLong(); while (high == 0);
            traceId = TraceId.fromLongs(high, traceIdLow);
            state = TraceState.getDefault();
        }
        return SpanContext.create(traceId, newSpanId(), TraceFlags.getDefault(), state);
    }

    private static String newSpanId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long id;
        do id = r.nextLong(); while (id == 0);
        return SpanId.fromLong(id);
    }

    /** The call carries the trace on, unsampled, with the id of a new span under the request's, as the SDK's would. */
    @Override
    public ClientCall client(HttpRequest request) {
        SpanContext mine = Span.fromContext(context()).getSpanContext();
        SpanContext call = SpanContext.create(mine.getTraceId(), newSpanId(), TraceFlags.getDefault(), mine.getTraceState());
        return new Carried(inject(propagator, request, context().with(Span.wrap(call))));
    }

    /** A call that only carries the context on: no span of its own to end. */
    private record Carried(HttpRequest request) implements ClientCall {
        @Override
        public void end(int status, Throwable failure) {
        }
    }

    @Override
    public void end(RequestEnd end) {
    }
}
