package io.mimamori.connector.cloudwatch;

import io.mimamori.alert.Alert;
import java.util.List;

/**
 * What one message body became.
 *
 * @param alerts        the alerts to hand to the pipeline, in order, with their tenant when one was resolved;
 *                      empty when the body is ignored
 * @param account       the AWS account of the alarm (for tenant resolution), null when unknown or ignored
 * @param ignoredReason why a well-formed body makes no alert (a short snake_case word counted as dropped,
 *                      e.g. {@code unknown_tenant}), null when it made alerts
 * @param ignoredWhy    the same for a human, null when it made alerts
 */
public record MappedAlarm(List<Alert> alerts, String account, String ignoredReason, String ignoredWhy) {
    public MappedAlarm {
        alerts = List.copyOf(alerts);
    }

    static MappedAlarm ignored(String account, String reason, String why) {
        return new MappedAlarm(List.of(), account, reason, why);
    }
}
