package io.mimamori.hub;

import io.mimamori.outbox.OutboxConsumer;
import io.mimamori.outbox.SinkDelivery;
import io.mimamori.spi.Connector;
import io.mimamori.spi.Health;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Folds every installed connector's own health, and every sink's delivery state, into
 * {@code /observe/health}. A failing sink (breaker open, or its oldest undelivered alert older than
 * its {@code degradedAfter}) shows as {@code delivery.SINK: DEGRADED} with {@code delivery: DEGRADED};
 * the check stays UP, because the hub still accepts and keeps every alert (restarting it would not help).
 */
final class ConnectorsHealthCheck extends AbstractHealthCheck {
    private final Map<String, Connector> connectors;

    ConnectorsHealthCheck(Map<String, Connector> connectors) {
        super("mimamori", "connectors");
        this.connectors = connectors;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        for (Connector c : connectors.values()) {
            Health h = c.health();
            h.details().forEach((k, v) -> builder.detail(c.name() + "." + k, v));
            builder.detail(c.name(), h.state().name());
            if (h.state() == Health.State.DOWN) {
                builder.down();
            }
        }
        boolean degraded = false;
        for (Map.Entry<String, SinkDelivery> e : OutboxConsumer.running().entrySet()) {
            SinkDelivery d = e.getValue();
            String key = "delivery." + e.getKey();
            builder.detail(key, d.degraded() ? "DEGRADED" : "OK");
            builder.detail(key + ".queued", d.pending());
            builder.detail(key + ".oldestUndeliveredSeconds", d.oldestPendingAge().toSeconds());
            if (d.lastError() != null && d.degraded()) {
                builder.detail(key + ".lastError", d.lastError());
            }
            degraded |= d.degraded();
        }
        builder.detail("delivery", degraded ? "DEGRADED" : "OK");
    }
}
