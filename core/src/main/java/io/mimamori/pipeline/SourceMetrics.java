package io.mimamori.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.camel.CamelContext;

/**
 * The counters every source keeps for one input (connector + route), exported on the management
 * port as {@code mimamori_received_total}, {@code mimamori_alerts_emitted_total},
 * {@code mimamori_dropped_total{reason}}, {@code mimamori_alerts_suppressed_total{reason}} and
 * {@code mimamori_malformed_total{reason}}.
 */
public final class SourceMetrics {
    private final MeterRegistry registry;
    private final String connector;
    private final String route;
    private final Counter received;
    private final Counter emitted;
    private final ConcurrentMap<String, Counter> dropped = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> malformed = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> suppressed = new ConcurrentHashMap<>();
    private volatile Counter tenantDefaulted;

    public SourceMetrics(MeterRegistry registry, String connector, String route) {
        this.registry = registry;
        this.connector = connector;
        this.route = route;
        this.received = Counter.builder("mimamori.received").description("Inputs received (frames, traps, messages)")
                .tags("connector", connector, "route", route).register(registry);
        this.emitted = Counter.builder("mimamori.alerts.emitted").description("Alerts committed by the pipeline")
                .tags("connector", connector, "route", route).register(registry);
    }

    /** Metrics in the registry the hub exports (the Camel registry's, else Micrometer's global one). */
    public static SourceMetrics of(CamelContext context, String connector, String route) {
        return new SourceMetrics(registry(context), connector, route);
    }

    public static MeterRegistry registry(CamelContext context) {
        MeterRegistry r = context == null ? null : context.getRegistry().findSingleByType(MeterRegistry.class);
        return r != null ? r : Metrics.globalRegistry;
    }

    public void received() {
        received.increment();
    }

    public void emitted() {
        emitted.increment();
    }

    /** An input or alert deliberately not forwarded; {@code reason} is a short snake_case word. */
    public void dropped(String reason) {
        dropped.computeIfAbsent(reason, r -> Counter.builder("mimamori.dropped")
                .description("Inputs or alerts not forwarded, by reason")
                .tags("connector", connector, "route", route, "reason", r).register(registry)).increment();
    }

    /** An input no tenant rule claimed, given the default tenant ({@code mimamori_tenant_defaulted_total}). */
    public void tenantDefaulted() {
        Counter c = tenantDefaulted;
        if (c == null) {
            c = Counter.builder("mimamori.tenant.defaulted")
                    .description("Inputs no tenant rule claimed, attributed to the default tenant")
                    .tags("connector", connector, "route", route).register(registry);
            tenantDefaulted = c;
        }
        c.increment();
    }

    /**
     * An alert recorded but not notified: a repeat ({@code duplicate}), held by a maintenance
     * window or flapping, or already cleared.
     */
    public void suppressed(String reason) {
        suppressed.computeIfAbsent(reason, r -> Counter.builder("mimamori.alerts.suppressed")
                .description("Alerts recorded but not notified, by reason")
                .tags("connector", connector, "route", route, "reason", r).register(registry)).increment();
    }

    /** An input that did not follow its protocol; it may still have become an alert. */
    public void malformed(String reason) {
        malformed.computeIfAbsent(reason, r -> Counter.builder("mimamori.malformed")
                .description("Inputs that did not follow their protocol, by reason")
                .tags("connector", connector, "route", route, "reason", r).register(registry)).increment();
    }
}
