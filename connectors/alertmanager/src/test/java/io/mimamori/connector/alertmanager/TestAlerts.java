package io.mimamori.connector.alertmanager;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.pipeline.AlertCompleter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/** Complete alerts as the outbox holds them: built by a source, completed by the core. */
public final class TestAlerts {
    private TestAlerts() {
    }

    /** A firing RAID alert for {@code host}, received at {@code at}, with a runbook and a console link. */
    public static Alert raidDegraded(String tenant, String host, Severity severity, Instant at) {
        Alert draft = Alert.builder()
                .status(Status.FIRING).severity(severity).sourceSeverity("crit").layer(Layer.HARDWARE)
                .event("md-raid-degraded").resource(host + "/md0").host(host).ip("192.0.2.10")
                .summary("RAID md0 on " + host + " degraded: sdb1 failed").dedupKey("md-raid/" + host + "/md0")
                .source(new AlertSource("syslog-source", "syslog", "192.0.2.10:514", at, at.minusMillis(5)))
                .label("array", "md0")
                .label("rack.position", "r12-u07")
                .detail("syslog", Map.of("facility", "kern", "appName", "kernel", "rule", "md-raid-degraded"))
                .link("https://runbooks.mimamori.io/linux/md-raid-degraded", "runbook")
                .link("https://grafana.example.com/d/raid?var-host=" + host, "dashboard")
                .build();
        return complete(draft, tenant, at);
    }

    /**
     * The clear of {@code firing} as a rule produces it: same event, resource, dedup key and labels,
     * its own severity, received at {@code at}; the lifecycle keeps the condition's first-seen time.
     */
    public static Alert cleared(Alert firing, Severity severity, Instant at) {
        Alert draft = firing.toBuilder().id(null).status(Status.RESOLVED).severity(severity).sourceSeverity("info")
                .summary("RAID md0 on " + firing.host() + " recovered")
                .source(new AlertSource("syslog-source", "syslog", "192.0.2.10:514", at, at))
                .fingerprint(null).occurrences(0).lastSeenAt(at).timeoutSeconds(null).build();
        return complete(draft, firing.tenant(), at);
    }

    /** {@code alert} received again at {@code at}, as the delivery loop re-sends it. */
    public static Alert seenAgain(Alert alert, Instant at) {
        return alert.toBuilder().id(UUID.randomUUID()).lastSeenAt(at).occurrences(alert.occurrences() + 1).build();
    }

    private static Alert complete(Alert draft, String tenant, Instant at) {
        return new AlertCompleter(tenant, "tokyo-1", Clock.fixed(at, ZoneOffset.UTC)).complete(draft);
    }
}
