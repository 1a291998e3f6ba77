package io.mimamori.hub;

import io.mimamori.spi.Connector;
import io.mimamori.spi.Health;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Folds every installed connector's own health into {@code /observe/health}. */
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
    }
}
