package io.mimamori.ruletest;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Link;
import java.util.List;
import java.util.stream.Stream;

/** The alert fields a test case can expect, as text the way a test file writes them. */
final class AlertFields {
    /** Fields of any alert a rule makes; {@code labels} compares only the labels listed. */
    static final List<String> RULE_FIELDS = List.of("status", "event", "severity", "sourceSeverity", "layer",
            "resource", "host", "ip", "summary", "dedupKey", "timeoutSeconds", "labels", "runbook");
    /** What the lifecycle adds to a notification: its count of occurrences and its own note (e.g. auto-resolved). */
    static final List<String> LIFECYCLE_FIELDS = List.of("occurrences", "lifecycle");
    static final List<String> NOTIFICATION_FIELDS = Stream.concat(Stream.concat(Stream.of("at"), RULE_FIELDS.stream()),
            LIFECYCLE_FIELDS.stream()).toList();

    private AlertFields() {
    }

    /** The field's value as text, null when the alert has none; {@code labels} is not a single value. */
    static String value(Alert a, String field) {
        Object v = switch (field) {
            case "status" -> a.status().wire();
            case "event" -> a.event();
            case "severity" -> a.severity().wire();
            case "sourceSeverity" -> a.sourceSeverity();
            case "layer" -> a.layer() == null ? null : a.layer().wire();
            case "resource" -> a.resource();
            case "host" -> a.host();
            case "ip" -> a.ip();
            case "summary" -> a.summary();
            case "dedupKey" -> a.dedupKey();
            case "timeoutSeconds" -> a.timeoutSeconds();
            case "runbook" -> a.links().stream().filter(l -> "runbook".equals(l.text())).map(Link::href)
                    .findFirst().orElse(null);
            case "occurrences" -> a.occurrences();
            case "lifecycle" -> a.details().get("lifecycle");
            default -> throw new IllegalArgumentException("not an alert field: " + field);
        };
        return v == null ? null : v.toString();
    }
}
