package io.mimamori.connector.cloudwatch;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Health;
import io.mimamori.spi.KameletConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CloudWatch alarm SQS source as the hub sees it: kamelet {@code cloudwatch-sqs-source}. */
public final class CloudWatchSqsSourceConnector extends KameletConnector {
    public CloudWatchSqsSourceConnector() {
        super("cloudwatch-sqs-source", Kind.SOURCE);
    }

    @Override
    public Health health() {
        if (CloudWatchSqsConsumer.RUNNING.isEmpty()) {
            return Health.unknown();
        }
        Map<String, String> details = new LinkedHashMap<>();
        boolean failing = false;
        for (CloudWatchSqsConsumer c : CloudWatchSqsConsumer.RUNNING.keySet()) {
            details.putAll(c.healthDetails());
            failing |= c.failing();
        }
        return failing ? Health.down(details) : Health.up(details);
    }

    @Override
    public List<ConfigProblem> checkUse(Map<String, String> p) {
        String where = "cloudwatch-sqs-source '" + p.getOrDefault("name", "cloudwatch") + "'";
        Map<String, String> mapping = new LinkedHashMap<>(p);
        mapping.keySet().retainAll(AlarmMappingSettings.PARAMETER_DEFAULTS.keySet());
        try {
            AlarmMappingSettings.of(mapping, Integer.parseInt(p.getOrDefault("maxBodyBytes",
                    Integer.toString(AlarmMappingSettings.DEFAULT_MAX_BODY_BYTES))));
        } catch (IllegalArgumentException e) {
            return List.of(new ConfigProblem(where, 0, e.getMessage()));
        }
        return List.of();
    }
}
