package io.mimamori.connector.cloudwatch.sns;

import io.mimamori.config.ConfigProblem;
import io.mimamori.spi.Health;
import io.mimamori.spi.KameletConnector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SNS HTTPS push receiver as the hub sees it: kamelet {@code cloudwatch-sns-source}. */
public final class CloudWatchSnsSourceConnector extends KameletConnector {
    public CloudWatchSnsSourceConnector() {
        super(SnsConsumer.CONNECTOR, Kind.SOURCE);
    }

    @Override
    public Health health() {
        if (SnsConsumer.RUNNING.isEmpty()) {
            return Health.unknown();
        }
        Map<String, String> details = new LinkedHashMap<>();
        SnsConsumer.RUNNING.keySet().forEach(c -> details.putAll(c.healthDetails()));
        return Health.up(details);
    }

    @Override
    public List<ConfigProblem> checkUse(Map<String, String> p) {
        String where = SnsConsumer.CONNECTOR + " '" + p.getOrDefault("name", "sns") + "'";
        try {
            SnsSettings.of(p.getOrDefault("name", "sns"), p.get("path"), p.get("allowedTopicArns"),
                    p.get("signingCertHostPattern"), p.getOrDefault("signingCertName", SigningCertNames.AWS),
                    p.get("trustedCaFile"), number(p, "maxMessageAgeSeconds"),
                    number(p, "maxBodySize"), number(p, "certCacheSize"), number(p, "fetchTimeoutSeconds"));
            return List.of();
        } catch (IllegalArgumentException e) {
            return List.of(new ConfigProblem(where, 0, e.getMessage()));
        }
    }

    /** A number parameter; {@code p} has the kamelet's defaults applied, so only a blanked one is missing. */
    private static long number(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is empty; leave it out for its default");
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, not '" + v + "'");
        }
    }
}
