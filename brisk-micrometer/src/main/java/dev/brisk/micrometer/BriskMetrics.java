package dev.brisk.micrometer;

import static dev.brisk.Handler.worker;

import dev.brisk.Brisk;
import dev.brisk.Response;
import dev.brisk.observe.Observer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Brisk's metrics through Micrometer: requests (count and latency by method, route template, status
 * and lane), in-flight requests, the worker lane (in flight, queued, refused, queue wait), offloaded
 * work, event-loop lag per loop, watchdog stalls by kind and route, and the JVM's and Netty's buffer
 * metrics from Micrometer's binders. With Prometheus, {@link #install} also serves {@code GET /metrics}.
 *
 * <pre>{@code
 * Brisk app = Brisk.create(new BriskConfig());
 * BriskMetrics.prometheus().install(app);           // observer + GET /metrics
 * app.get("/items/{id}", ...);
 * app.start();
 * }</pre>
 *
 * <p>Meter names, as Prometheus shows them: {@code http_server_requests_seconds},
 * {@code brisk_requests_in_flight}, {@code brisk_worker_in_flight}, {@code brisk_worker_queued},
 * {@code brisk_requests_refused_total}, {@code brisk_worker_queue_wait_seconds},
 * {@code brisk_offload_seconds}, {@code brisk_loop_lag_seconds}, {@code brisk_stalls_total},
 * {@code jvm_*}, {@code netty_allocator_*}. The Grafana dashboard in {@code deploy/grafana/brisk.json} reads them.
 */
public final class BriskMetrics {
    private final MeterRegistry registry;
    private final MetricsObserver observer;
    private String path = "/metrics";

    private BriskMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.observer = new MetricsObserver(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p) new NettyAllocatorMetrics(p).bindTo(registry);
    }

    /**
     * Metrics in a new Prometheus registry; {@link #install} serves them at {@code /metrics}. Its clock's wall
     * time is refreshed once a second rather than read per record (Micrometer reads it only to rotate its 40 s
     * windows and to stamp a meter's creation); durations are measured exactly.
     */
    public static BriskMetrics prometheus() {
        return new BriskMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), TickingClock.INSTANCE));
    }

    /** Metrics in any Micrometer registry (OTLP, StatsD, ...); no endpoint is served unless it is Prometheus. */
    public static BriskMetrics of(MeterRegistry registry) {
        return new BriskMetrics(Objects.requireNonNull(registry));
    }

    /** Where {@link #install} serves the Prometheus text (default {@code /metrics}). */
    public BriskMetrics path(String value) {
        if (!value.startsWith("/")) throw new IllegalArgumentException("path must start with /: " + value);
        this.path = value;
        return this;
    }

    /** The registry, for the application's own meters. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The observer, for {@code BriskConfig.observe} when installing by hand. */
    public Observer observer() {
        return observer;
    }

    /**
     * Observes {@code app} (call before {@code start()}) and, for a Prometheus registry, serves the
     * metrics at the path on the worker lane (a scrape formats every meter: keep it off the loop).
     */
    public BriskMetrics install(Brisk app) {
        app.observe(observer);
        if (registry instanceof PrometheusMeterRegistry prometheus) {
            app.get(path, worker(req -> Response.bytes(200, "text/plain; version=0.0.4; charset=utf-8",
                    prometheus.scrape().getBytes(StandardCharsets.UTF_8)))).summary("Prometheus metrics").includeInSchema(false);
        }
        return this;
    }
}
