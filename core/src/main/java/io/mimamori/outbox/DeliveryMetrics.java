package io.mimamori.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * One sink's delivery metrics, exported as {@code mimamori_delivery_*{sink}}: counters delivered,
 * retried, deferred, dead_lettered, superseded, resent, fallback, not_routed; gauges queued, in_flight,
 * oldest_undelivered_seconds and degraded (1 while failing).
 */
public final class DeliveryMetrics {
    private final MeterRegistry registry;
    private final String sink;
    private final Counter delivered;
    private final Counter retried;
    private final Counter deferred;
    private final Counter deadLettered;
    private final Counter superseded;
    private final Counter resent;
    private final Counter fallback;
    private final Counter notRouted;
    private final List<Meter> gauges = new ArrayList<>();

    public DeliveryMetrics(MeterRegistry registry, String sink) {
        this.registry = registry;
        this.sink = sink;
        this.delivered = counter("delivered", "Alerts the sink accepted");
        this.retried = counter("retried", "Delivery attempts that failed and will be retried");
        this.deferred = counter("deferred", "Deliveries held back by the sink's own rate limit");
        this.deadLettered = counter("dead_lettered", "Alerts the sink rejected for good (see mimamori dlq list)");
        this.superseded = counter("superseded", "Undelivered states replaced by a newer state of the same condition");
        this.resent = counter("resent", "Firing alerts queued again to keep them active at the sink");
        this.fallback = counter("fallback", "Alerts handed to the fallback sink after failing here");
        this.notRouted = counter("not_routed", "Alerts passed over because their tenant routes them to other sinks");
    }

    private Counter counter(String name, String description) {
        return Counter.builder("mimamori.delivery." + name).description(description).tag("sink", sink).register(registry);
    }

    void notRouted(int n) {
        notRouted.increment(n);
    }

    void bind(SinkDelivery d) {
        gauges.add(Gauge.builder("mimamori.delivery.queued", d, SinkDelivery::pending)
                .description("Alerts waiting for this sink").tag("sink", sink).register(registry));
        gauges.add(Gauge.builder("mimamori.delivery.in_flight", d, SinkDelivery::inFlight)
                .description("Alerts being delivered now").tag("sink", sink).register(registry));
        gauges.add(Gauge.builder("mimamori.delivery.oldest_undelivered_seconds", d, x -> x.oldestPendingAge().toMillis() / 1000.0)
                .description("Age of the oldest alert not yet delivered to this sink").tag("sink", sink).register(registry));
        gauges.add(Gauge.builder("mimamori.delivery.degraded", d, x -> x.degraded() ? 1 : 0)
                .description("1 while the sink is failing (breaker open or oldest alert too old)").tag("sink", sink)
                .register(registry));
    }

    void unbind() {
        gauges.forEach(registry::remove);
        gauges.clear();
    }

    void delivered(int n) {
        delivered.increment(n);
    }

    void retried(int n) {
        retried.increment(n);
    }

    void deferred(int n) {
        deferred.increment(n);
    }

    void deadLettered(int n) {
        deadLettered.increment(n);
    }

    void superseded(int n) {
        superseded.increment(n);
    }

    void resent(int n) {
        resent.increment(n);
    }

    void handedToFallback(int n) {
        fallback.increment(n);
    }
}
