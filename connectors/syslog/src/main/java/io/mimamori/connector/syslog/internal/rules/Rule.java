package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.config.Template;
import java.util.Map;

/**
 * The alert half of one compiled rule: what its matches and clears produce.
 *
 * @param severity       the fixed alert severity, or null to map it from the syslog severity
 * @param labels         label name to template, in file order
 * @param runbook        the runbook link template, or null
 * @param timeoutSeconds how long a firing alert lives without a clear, or null
 */
record Rule(
        String id,
        String event,
        Severity severity,
        Layer layer,
        Template summary,
        Template resource,
        Template dedupKey,
        Map<String, Template> labels,
        Template runbook,
        Integer timeoutSeconds) {
}
