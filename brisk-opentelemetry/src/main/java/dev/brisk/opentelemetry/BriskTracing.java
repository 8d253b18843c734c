package dev.brisk.opentelemetry;

import dev.brisk.Brisk;
import dev.brisk.Request;
import dev.brisk.observe.ClientCall;
import dev.brisk.observe.Observation;
import dev.brisk.observe.Observer;
import dev.brisk.observe.RequestEnd;
import dev.brisk.routing.Route;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * OpenTelemetry tracing for Brisk, on the API alone (the application picks and configures the SDK):
 * a server span per request named by its route template ({@code GET /items/{item_id}}), W3C
 * {@code traceparent} accepted (through the configured propagators), the span current wherever the
 * request's code runs (handler, worker, offloaded work, every resumption after {@code sleep},
 * {@code offload} or the HTTP client), and a client span with the context injected for each
 * {@link dev.brisk.client.BriskHttpClient} call.
 *
 * <pre>{@code
 * OpenTelemetry otel = ...;                 // e.g. AutoConfiguredOpenTelemetrySdk.initialize().getOpenTelemetrySdk()
 * Brisk app = Brisk.create(new BriskConfig());
 * BriskTracing.create(otel).install(app);
 * }</pre>
 *
 * <p>The request's context is current for {@code Context.current()} and {@code Span.current()} without being
 * attached around each piece of request code: OpenTelemetry's context storage is wrapped once (when this
 * class loads) to fall back to the request running on the thread; a context the application attaches
 * itself still wins while attached. If the storage was already in use before, the context is attached
 * around request code instead (the same behaviour, a little more work per request).
 *
 * <p>Span attributes: {@code http.request.method}, {@code http.route}, {@code url.path},
 * {@code http.response.status_code}, {@code brisk.lane} ({@code loop}/{@code worker}),
 * {@code brisk.queue_wait_ms} (worker lane: time waiting for a worker), {@code brisk.loop_time_ms}
 * (time the request's code held the event loop). They are set once the span has started and only on a
 * span the sampler kept, so a sampler decides on the span's name (the route), kind and parent alone, and
 * a request that is not sampled costs no attribute work at all.
 */
public final class BriskTracing implements Observer {
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> LANE = AttributeKey.stringKey("brisk.lane");
    static final AttributeKey<Double> QUEUE_WAIT = AttributeKey.doubleKey("brisk.queue_wait_ms");
    static final AttributeKey<Double> LOOP_TIME = AttributeKey.doubleKey("brisk.loop_time_ms");

    private static final TextMapGetter<Request> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Request carrier) {
            return carrier.headerEntries().stream().map(Map.Entry::getKey).toList();
        }

        @Override
        public String get(Request carrier, String key) {
            return carrier == null ? null : carrier.header(key);
        }
    };

    // The status attribute boxed once per status (Long.valueOf caches only up to 127): one object less per span.
    private static final Long[] STATUSES = new Long[600];

    static {
        for (int i = 100; i < STATUSES.length; i++) STATUSES[i] = (long) i;
    }

    // Whether Context.current() falls back to the request running on the thread (RequestContextStorage):
    // then request code needs no attach/detach of the context around it.
    private static final boolean LAZY_CONTEXT = RequestContextStorage.install();

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    // Brisk's head sampling: a new trace is kept when its draw (63 random bits) is below this; -1 when the SDK's
    // sampler decides every request (the default).
    private long headBound = -1;

    private BriskTracing(OpenTelemetry otel) {
        this.tracer = otel.getTracer("dev.brisk", "0.1.0");
        this.propagator = otel.getPropagators().getTextMapPropagator();
    }

    /** Tracing through {@code otel}'s tracer provider and propagators. */
    public static BriskTracing create(OpenTelemetry otel) {
        return new BriskTracing(otel);
    }

    /**
     * Lets Brisk make the head sampling decision, as OpenTelemetry's {@code parentbased_traceidratio} sampler
     * would, before the SDK sees the request: a request whose caller sampled its trace is traced, one whose
     * caller did not is not, and a new trace is kept with probability {@code ratio}. A request left out costs
     * no SDK work at all: no span builder, no ids, no sampler call. That is most of what tracing costs at a low
     * ratio. Its code still sees a valid trace context, unsampled, made only if it asks for one, and that
     * context is carried on to the services it calls. Give the SDK a sampler that keeps what it is handed
     * (its default, {@code parentbased_always_on}); a ratio in the SDK as well would multiply with this one.
     *
     * <pre>{@code
     * BriskTracing.create(otel).sampleRatio(0.1).install(app);   // 10 % of new traces, and every sampled caller's
     * }</pre>
     *
     * <p>A new trace's id in the SDK is its own, drawn after Brisk's decision, so a {@code traceidratio}
     * sampler (not parent-based) in a later service decides on it independently; parent-based samplers, the
     * usual choice, follow the flag Brisk sends.
     *
     * @param ratio from 0 (no new traces) to 1 (every new trace)
     */
    public BriskTracing sampleRatio(double ratio) {
        if (!(ratio >= 0 && ratio <= 1)) throw new IllegalArgumentException("the ratio must be from 0 to 1, not " + ratio);
        headBound = ratio == 1 ? Long.MAX_VALUE : (long) (ratio * Long.MAX_VALUE);
        return this;
    }

    /** Observes {@code app}; call before {@code start()}. */
    public BriskTracing install(Brisk app) {
        app.observe(this);
        return this;
    }

    @Override
    public Observation start(Request request, Route route) {
        Context parent = propagator.extract(Context.root(), request, HEADERS);
        if (headBound >= 0) {
            SpanContext remote = Span.fromContext(parent).getSpanContext();
            if (remote.isValid()) {
                if (!remote.isSampled()) return new Untraced(propagator, parent, remote, 0);
            } else {
                long draw = ThreadLocalRandom.current().nextLong(Long.MAX_VALUE); // [0, MAX): ratio 1 keeps all
                if (draw >= headBound) return new Untraced(propagator, parent, remote, draw);
            }
        }
        String method = request.method();
        // the route's own label ("GET /items/{item_id}", made once) unless a HEAD request was routed to a GET route
        String name = route == null ? method : method.equals(route.method()) ? route.label() : method + " " + route.template();
        // The attributes go on the span once it is started, and only if the sampler kept it: given to the
        // builder, they are put in an attribute map made before the sampling decision (~390 bytes and the
        // largest part of the builder's work per request), thrown away for every span not sampled. So a
        // sampler sees the span's name (the route), kind and parent, not its attributes.
        Span s = tracer.spanBuilder(name).setSpanKind(SpanKind.SERVER).setParent(parent).startSpan();
        if (s.isRecording()) {
            s.setAttribute(METHOD, method).setAttribute(PATH, request.path());
            if (route != null) s.setAttribute(ROUTE, route.template()).setAttribute(LANE, route.lane().label());
        }
        return new Traced(s, parent, route != null && route.lane() == dev.brisk.Lane.WORKER);
    }

    /** Whether the request's context is read lazily (see {@link RequestContextStorage}) rather than attached per entry. */
    static boolean lazyContext() {
        return LAZY_CONTEXT;
    }

    final class Traced extends RequestTrace {
        private final Span span;
        private final Context parent;
        private final boolean worker;
        // Read once: a span the sampler dropped ignores attributes and end(), so nothing is computed for it.
        private final boolean recording;
        // The parent with the span in it, made when first asked for (Context.current(), a client call, an
        // attach): most requests never ask, and a context is a copy of the parent's entries. Two threads
        // asking at once may each make one; they hold the same entries, so either is right.
        private Context context;

        Traced(Span span, Context parent, boolean worker) {
            this.span = span;
            this.parent = parent;
            this.worker = worker;
            this.recording = span.isRecording();
        }

        @Override
        Context context() {
            Context c = context;
            if (c == null) context = c = parent.with(span);
            return c;
        }

        @Override
        public ClientCall client(HttpRequest request) {
            Span client = tracer.spanBuilder(request.method()).setSpanKind(SpanKind.CLIENT).setParent(context())
                    .setAttribute(METHOD, request.method()).setAttribute(URL, request.uri().toString()).startSpan();
            HttpRequest sent = inject(propagator, request, context().with(client));
            return new ClientCall() {
                @Override
                public HttpRequest request() {
                    return sent;
                }

                @Override
                public void end(int status, Throwable failure) {
                    if (status > 0) client.setAttribute(STATUS, (long) status);
                    if (failure != null) client.recordException(failure).setStatus(StatusCode.ERROR);
                    else if (status >= 400) client.setStatus(StatusCode.ERROR);
                    client.end();
                }
            };
        }

        @Override
        public void end(RequestEnd end) {
            if (!recording) return; // (its end() does nothing either)
            int status = end.status();
            span.setAttribute(STATUS, status >= 100 && status < STATUSES.length ? STATUSES[status] : Long.valueOf(status));
            span.setAttribute(LOOP_TIME, end.loopNanos() / 1e6);
            if (worker) span.setAttribute(QUEUE_WAIT, end.queuedNanos() / 1e6);
            if (end.status() >= 500) span.setStatus(StatusCode.ERROR);
            if (end.failure() != null) span.recordException(end.failure());
            span.end();
        }
    }
}
