package io.mimamori.connector.alertmanager;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Health;
import io.mimamori.spi.KameletConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Alertmanager sink as the hub sees it: kamelet {@code alertmanager-sink}. */
public final class AlertmanagerSinkConnector extends KameletConnector {
    public AlertmanagerSinkConnector() {
        super("alertmanager-sink", Kind.SINK);
    }

    /** UP while every running sink's last delivery went through or was refused for the alert's own sake. */
    @Override
    public Health health() {
        if (AlertmanagerProducer.RUNNING.isEmpty()) {
            return Health.unknown();
        }
        Map<String, String> details = new LinkedHashMap<>();
        boolean failing = false;
        for (AlertmanagerProducer p : AlertmanagerProducer.RUNNING) {
            details.putAll(p.healthDetails());
            failing |= p.failing();
        }
        return failing ? Health.down(details) : Health.up(details);
    }

    @Override
    public List<ConfigProblem> checkUse(Map<String, String> parameters) {
        String where = "alertmanager-sink '" + parameters.getOrDefault("name", "alertmanager") + "'";
        return AlertmanagerSinkConfig.problems(parameters).stream()
                .map(m -> new ConfigProblem(where, 0, m))
                .toList();
    }
}
