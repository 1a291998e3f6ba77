package io.mimamori.tenant;

import io.mimamori.config.Glob;
import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.alert.Alert;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Link;
import io.mimamori.alert.Severity;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sinks get an alert, and which runbook links it carries. */
class TenantRoutingTest {
    @TempDir
    Path dir;

    private TenantDirectory d;

    @BeforeEach
    void load() {
        d = TenantFiles.load(dir, """
                runbooks:
                  - layer: hardware
                    url: https://runbooks.msp.example/hw/${event}
                  - event: ["link*", "*Down"]
                    url: https://runbooks.msp.example/net?dev=${host:-unknown}&if=${labels.ifName}
                    text: network runbook
                tenants:
                  - id: acme
                    routes:
                      - sinks: [file]
                        continue: true
                      - sinks: [pagerduty]
                        match:
                          minSeverity: major
                          layer: [hardware, network]
                      - sinks: [opsgenie]
                        match:
                          event: "disk-*"
                          labels: {team: "db-*", env: prod}
                      - sinks: [opsgenie, pagerduty]
                        match:
                          severity: [minor, warning]
                        continue: true
                      - sinks: [file]
                        match:
                          severity: [warning]
                    runbooks:
                      - event: "disk-*"
                        url: https://wiki.acme.example/storage/${event}?resource=${resource}
                        text: ACME storage
                      - layer: hardware
                        url: https://runbooks.msp.example/hw/${event}
                  - id: no-routes
                """);
    }

    private static Alert alert(Severity severity, Layer layer, String event, String... labels) {
        Alert.Builder b = Alert.builder().tenant("acme").severity(severity).layer(layer).event(event);
        for (int i = 0; i < labels.length; i += 2) {
            b.label(labels[i], labels[i + 1]);
        }
        return b.build();
    }

    private Set<String> sinks(String tenant, Alert alert) {
        Set<String> out = new TreeSet<>();
        for (String sink : TenantFiles.SINKS) {
            if (d.routes(tenant, sink, alert)) {
                out.add(sink);
            }
        }
        return out;
    }

    @Test
    void firstMatchWinsUnlessContinue() {
        assertThat(sinks("acme", alert(Severity.CRITICAL, Layer.HARDWARE, "psu-failed")))
                .containsExactly("file", "pagerduty");
        assertThat(sinks("acme", alert(Severity.MAJOR, Layer.NETWORK, "disk-failed", "team", "db-core", "env", "prod")))
                .as("the pagerduty route matched first and does not continue")
                .containsExactly("file", "pagerduty");
        assertThat(sinks("acme", alert(Severity.MAJOR, Layer.OS, "disk-failed", "team", "db-core", "env", "prod")))
                .containsExactly("file", "opsgenie");
        assertThat(sinks("acme", alert(Severity.MAJOR, Layer.OS, "disk-failed", "team", "db-core", "env", "dev")))
                .as("label env does not match, no later route matches a major alert")
                .containsExactly("file");
        assertThat(sinks("acme", alert(Severity.MAJOR, Layer.OS, "disk-failed", "team", "db-core")))
                .as("a missing label does not match")
                .containsExactly("file");
        assertThat(sinks("acme", alert(Severity.WARNING, Layer.APPLICATION, "slow")))
                .containsExactly("file", "opsgenie", "pagerduty");
        assertThat(sinks("acme", alert(Severity.INFO, Layer.APPLICATION, "slow"))).containsExactly("file");
    }

    @Test
    void withoutRoutesEverySinkGetsEverything() {
        Alert info = alert(Severity.INFO, Layer.UNKNOWN, "x");
        assertThat(sinks("no-routes", info)).containsExactlyElementsOf(new TreeSet<>(TenantFiles.SINKS));
        assertThat(sinks("removed-tenant", info)).containsExactlyElementsOf(new TreeSet<>(TenantFiles.SINKS));
        assertThat(sinks("default", info)).containsExactlyElementsOf(new TreeSet<>(TenantFiles.SINKS));
    }

    @Test
    void runbookLinksTenantsFirstThenSharedEachOnce() {
        Alert disk = Alert.builder().tenant("acme").severity(Severity.MAJOR).layer(Layer.HARDWARE).event("disk-failed")
                .resource("web1/sda 1").build();
        assertThat(d.runbooks(disk)).containsExactly(
                new Link("https://wiki.acme.example/storage/disk-failed?resource=web1%2Fsda%201", "ACME storage"),
                new Link("https://runbooks.msp.example/hw/disk-failed", "runbook"));

        Alert link = Alert.builder().tenant("no-routes").severity(Severity.MAJOR).layer(Layer.NETWORK)
                .event("ifDown").host("sw1&x").label("ifName", "Gi0/1").build();
        assertThat(d.runbooks(link)).containsExactly(
                new Link("https://runbooks.msp.example/net?dev=sw1%26x&if=Gi0%2F1", "network runbook"));

        Alert noHost = link.toBuilder().tenant(null).host(null).event("linkFlap").build();
        assertThat(d.runbooks(noHost)).extracting(Link::href)
                .containsExactly("https://runbooks.msp.example/net?dev=unknown&if=Gi0%2F1");

        assertThat(d.runbooks(alert(Severity.INFO, Layer.APPLICATION, "slow"))).isEmpty();
    }

    @Test
    void routesAreShownAsWritten() {
        SinkRoute ops = d.get("acme").routes().get(2);
        assertThat(ops.events()).extracting(Glob::toString).containsExactly("disk-*");
        assertThat(ops.labels()).containsOnlyKeys("team", "env");
        assertThat(ops.matches(alert(Severity.INFO, Layer.OS, "disk-x", "team", "db-a", "env", "prod"))).isTrue();
    }
}
