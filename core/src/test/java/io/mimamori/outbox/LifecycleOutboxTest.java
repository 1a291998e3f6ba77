package io.mimamori.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.AlertSource;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.lifecycle.Lifecycle;
import io.mimamori.lifecycle.LifecycleSettings;
import io.mimamori.lifecycle.MaintenanceGate;
import io.mimamori.lifecycle.SimulatedClock;
import io.mimamori.pipeline.AlertCompleter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle inside the outbox: its state is committed with the occurrences and survives a restart. */
class LifecycleOutboxTest {
    @TempDir
    Path data;

    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final AlertCompleter completer = new AlertCompleter("acme", "dc1", clock);
    private final LifecycleSettings settings = LifecycleSettings.defaults()
            .withSilentAfter(Map.of("snmp", Duration.ofMinutes(30)));

    private Outbox open() throws Exception {
        return Outbox.open(data, OutboxSettings.defaults(), clock, settings,
                store -> new Lifecycle(settings, store, MaintenanceGate.NONE, completer::complete, clock), o -> { });
    }

    private Alert fire(String resource, Integer timeoutSeconds) {
        return completer.complete(Alert.builder().status(Status.FIRING).severity(Severity.MAJOR).event("fan-failure")
                .resource(resource).dedupKey("fan/" + resource).timeoutSeconds(timeoutSeconds)
                .source(new AlertSource("snmp-trap-source", "snmp", null, clock.instant(), null)).build());
    }

    private static void commit(Outbox o, Alert... alerts) throws Exception {
        CompletableFuture<Throwable> done = new CompletableFuture<>();
        assertThat(o.commit(List.of(alerts), done::complete)).isTrue();
        assertThat(done.get(10, TimeUnit.SECONDS)).isNull();
    }

    /** Rows of the alert table: resource, status, notify flag, occurrences. */
    private List<String> rows() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Outbox.FILE_NAME));
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT json, notify FROM alert ORDER BY seq")) {
            while (r.next()) {
                Alert a = AlertJson.fromJson(new String(r.getBytes(1), StandardCharsets.UTF_8));
                out.add(a.resource() + " " + a.status().wire() + " " + (r.getInt(2) == 1 ? "sent" : "kept") + " x"
                        + a.occurrences());
            }
        }
        return out;
    }

    @Test
    void dedupTimeoutsAndSilenceCarryOverARestart() throws Exception {
        try (Outbox o = open()) {
            commit(o, fire("fan1", 300), fire("fan2", null));
            clock.advance(Duration.ofSeconds(10));
            commit(o, fire("fan2", null));
        }
        try (Outbox o = open()) {
            clock.advance(Duration.ofSeconds(10));
            commit(o, fire("fan2", null));
            assertThat(o.currentAlerts()).filteredOn(a -> a.resource().equals("fan2")).singleElement()
                    .satisfies(a -> {
                        assertThat(a.occurrences()).isEqualTo(3);
                        assertThat(a.firstSeenAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
                    });
            clock.advance(Duration.ofSeconds(300));
            await().atMost(5, TimeUnit.SECONDS).until(() -> rows().contains("fan1 resolved sent x1"));
            clock.advance(Duration.ofMinutes(30));
            await().atMost(5, TimeUnit.SECONDS).until(() -> rows().contains("snmp firing sent x1"));
        }
        assertThat(rows()).containsExactly(
                "fan1 firing sent x1", "fan2 firing sent x1", "fan2 firing kept x2", "fan2 firing kept x3",
                "fan1 resolved sent x1", "snmp firing sent x1");
    }

    @Test
    void anOutboxOfTheFirstSchemaIsMigratedWithItsConditions() throws Exception {
        Alert old = fire("psu1", null);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(Outbox.FILE_NAME));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            s.execute("INSERT INTO meta VALUES ('schema', '1')");
            s.execute("CREATE TABLE alert (seq INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, tenant TEXT NOT NULL,"
                    + " status TEXT NOT NULL, severity INTEGER NOT NULL, received_at INTEGER NOT NULL, json BLOB NOT NULL)");
            s.execute("CREATE TABLE current (fingerprint TEXT PRIMARY KEY, seq INTEGER NOT NULL, status TEXT NOT NULL,"
                    + " updated_at INTEGER NOT NULL) WITHOUT ROWID");
            var p = c.prepareStatement("INSERT INTO alert VALUES (1, ?, 'acme', 'firing', 1, 0, ?)");
            p.setString(1, old.fingerprint());
            p.setBytes(2, AlertJson.toBytes(old));
            p.execute();
            s.execute("INSERT INTO current VALUES ('" + old.fingerprint() + "', 1, 'firing', 0)");
        }
        try (Outbox o = open()) {
            assertThat(o.currentAlerts()).extracting(Alert::resource).containsExactly("psu1");
            commit(o, fire("psu1", null));
            commit(o, completer.complete(fire("psu1", null).toBuilder().status(Status.RESOLVED).id(null).build()));
        }
        assertThat(rows()).containsExactly("psu1 firing sent x1", "psu1 firing kept x2", "psu1 resolved sent x2");
    }
}
