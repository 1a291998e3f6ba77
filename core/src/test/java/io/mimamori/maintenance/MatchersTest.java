package io.mimamori.maintenance;

import static io.mimamori.maintenance.Fixtures.alert;
import static io.mimamori.maintenance.Fixtures.at;
import static io.mimamori.maintenance.Fixtures.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.alert.Layer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatchersTest {
    private static final Instant DURING = at("2026-02-10T22:30:00Z");

    @TempDir
    Path dir;

    private MaintenanceCalendar calendar(String match) {
        return load(dir, """
                windows:
                  - id: w
                    tenant: initech
                    reason: test
                    match: %s
                    schedule: {start: 2026-02-10 22:00, end: 2026-02-10 23:00}
                """.formatted(match));
    }

    @Test
    void resourceGlob() {
        MaintenanceCalendar c = calendar("{resource: \"db?:/var*\"}");
        assertThat(c.active(alert("initech", "db1:/var/log", "db1", Layer.OS, Map.of()), DURING)).isPresent();
        assertThat(c.active(alert("initech", "db12:/var", "db12", Layer.OS, Map.of()), DURING)).isEmpty();
        assertThat(c.active(alert("initech", "web1:/var", "web1", Layer.OS, Map.of()), DURING)).isEmpty();
        assertThat(c.active(alert("initech", null, "db1", Layer.OS, Map.of()), DURING)).isEmpty();
    }

    @Test
    void exactTextIsNotARegex() {
        MaintenanceCalendar c = calendar("{host: \"db1.example.com\"}");
        assertThat(c.active(alert("initech", "r", "db1.example.com", Layer.OS, Map.of()), DURING)).isPresent();
        assertThat(c.active(alert("initech", "r", "db1xexample.com", Layer.OS, Map.of()), DURING)).isEmpty();
    }

    @Test
    void everyLabelMustMatch() {
        MaintenanceCalendar c = calendar("{labels: {env: prod, team: \"db-*\"}}");
        assertThat(c.active(alert("initech", "r", "h", Layer.OS, Map.of("env", "prod", "team", "db-ops", "x", "y")),
                DURING)).isPresent();
        assertThat(c.active(alert("initech", "r", "h", Layer.OS, Map.of("env", "prod", "team", "web")), DURING)).isEmpty();
        assertThat(c.active(alert("initech", "r", "h", Layer.OS, Map.of("env", "prod")), DURING)).isEmpty();
    }

    @Test
    void layerAndEventTogether() {
        MaintenanceCalendar c = calendar("{layer: network, event: \"link*\"}");
        assertThat(c.active(alert("initech", "sw1", "sw1", Layer.NETWORK, Map.of()).toBuilder()
                .event("linkDown").build(), DURING)).isPresent();
        assertThat(c.active(alert("initech", "sw1", "sw1", Layer.HARDWARE, Map.of()).toBuilder()
                .event("linkDown").build(), DURING)).isEmpty();
        assertThat(c.active(alert("initech", "sw1", "sw1", Layer.NETWORK, Map.of()), DURING))
                .as("event diskFull").isEmpty();
    }

    @Test
    void aWindowOfOneTenantNeverMatchesAnother() {
        MaintenanceCalendar c = load(dir, """
                windows:
                  - id: acme-all
                    tenant: acme
                    reason: datacentre move
                    schedule: {start: 2026-02-10 23:00, end: 2026-02-11 00:00}
                  - id: acme-db
                    tenant: acme
                    reason: db
                    match: {host: db1}
                    schedule: {start: 2026-02-10 23:00, end: 2026-02-11 00:30}
                """);
        // both cover db1: the one that ends last is reported
        assertThat(c.active(alert("acme"), DURING)).map(Window::id).contains("acme-db");
        assertThat(c.active(alert("globex"), DURING)).isEmpty();
        assertThat(c.active(alert("initech"), DURING)).isEmpty();
        assertThat(c.active(alert(null), DURING)).isEmpty();
        assertThat(c.active(alert("acme").toBuilder().host("web1").build(), DURING)).map(Window::id).contains("acme-all");
    }
}
