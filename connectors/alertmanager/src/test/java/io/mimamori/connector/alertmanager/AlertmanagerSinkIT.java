package io.mimamori.connector.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.mimamori.alert.Alert;
import io.mimamori.alert.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink against a real Alertmanager (the Debian package prometheus-alertmanager) on loopback,
 * driven through its kamelet as the hub's delivery route drives it, checked through
 * {@code GET /api/v2/alerts} as an operator (or amtool) would. Alertmanager's {@code resolve_timeout}
 * is 3 seconds here so that expiry can be watched.
 */
class AlertmanagerSinkIT {
    static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(3);
    @TempDir
    static Path dir;
    static AlertmanagerProcess am;

    @BeforeAll
    static void start() throws Exception {
        am = AlertmanagerProcess.start(dir, RESOLVE_TIMEOUT);
    }

    @AfterAll
    static void stop() {
        if (am != null) {
            am.close();
        }
    }

    private static SinkRoute route(String... more) throws Exception {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("url", am.baseUrl());
        for (int i = 0; i < more.length; i += 2) {
            p.put(more[i], more[i + 1]);
        }
        return SinkRoute.start(p);
    }

    /** A firing alert of a tenant no other test uses. */
    private static Alert firing(Severity severity) {
        return TestAlerts.raidDegraded("it-" + UUID.randomUUID().toString().substring(0, 8), "db1", severity,
                Instant.now().minusSeconds(20));
    }

    /** The alerts Alertmanager reports for this condition (the sink's fingerprint label). */
    private static List<JsonNode> shown(Alert a) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        am.alerts("fingerprint=\"" + a.fingerprint() + "\"").forEach(out::add);
        return out;
    }

    private static JsonNode theOne(Alert a) throws Exception {
        List<JsonNode> shown = shown(a);
        assertThat(shown).as("Alertmanager's alerts for %s", a.fingerprint()).hasSize(1);
        return shown.get(0);
    }

    @Test
    void aFiringAlertAppearsWithItsLabelsAndAnnotations() throws Exception {
        Alert a = firing(Severity.MAJOR);
        Instant sent = Instant.now();
        try (SinkRoute r = route()) {
            r.deliver(a);
        }
        JsonNode shown = theOne(a);
        assertThat(AlertmanagerJson.strings(shown.path("labels"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "alertname", "md-raid-degraded",
                "tenant", a.tenant(),
                "resource", "db1/md0",
                "severity", "major",
                "layer", "hardware",
                "fingerprint", a.fingerprint(),
                "array", "md0",
                "rack_position", "r12-u07"));
        assertThat(AlertmanagerJson.strings(shown.path("annotations")))
                .containsEntry("summary", "RAID md0 on db1 degraded: sdb1 failed")
                .containsEntry("runbook_url", "https://runbooks.mimamori.io/linux/md-raid-degraded")
                .containsEntry("id", a.id().toString())
                .containsEntry("fingerprint", a.fingerprint())
                .containsEntry("dedup_key", "md-raid/db1/md0")
                .containsEntry("site", "tokyo-1")
                .hasEntrySatisfying("details", d -> assertThat(d).contains("\"rule\":\"md-raid-degraded\""));
        assertThat(shown.path("generatorURL").asText()).isEqualTo("https://grafana.example.com/d/raid?var-host=db1");
        assertThat(shown.path("status").path("state").asText()).isEqualTo("active");
        assertThat(Instant.parse(shown.path("startsAt").asText())).isEqualTo(a.firstSeenAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(Instant.parse(shown.path("endsAt").asText()).getEpochSecond())
                .as("endsAt: the post plus endsAtAfterSeconds (240)").isCloseTo(sent.plusSeconds(240).getEpochSecond(), within(5L));
        assertThat(am.groups().toString()).contains(a.fingerprint());
    }

    @Test
    void reSendingKeepsAnAlertWithoutEndsAtActivePastResolveTimeoutAndItExpiresWhenTheResendsStop() throws Exception {
        Alert a = firing(Severity.CRITICAL);
        Instant first = Instant.now();
        try (SinkRoute r = route("endsAtAfterSeconds", "0")) {
            r.deliver(a);
            while (Duration.between(first, Instant.now()).compareTo(RESOLVE_TIMEOUT.multipliedBy(2)) < 0) {
                Thread.sleep(1000);
                r.deliver(TestAlerts.seenAgain(a, Instant.now()));
                assertThat(theOne(a).path("status").path("state").asText()).isEqualTo("active");
            }
        }
        Instant last = Instant.now();
        assertThat(Duration.between(first, last)).isGreaterThan(RESOLVE_TIMEOUT.multipliedBy(2));
        JsonNode stillThere = theOne(a);
        assertThat(Instant.parse(stillThere.path("endsAt").asText()).getEpochSecond())
                .as("Alertmanager's own endsAt: the last post plus resolve_timeout")
                .isCloseTo(last.plus(RESOLVE_TIMEOUT).getEpochSecond(), within(2L));
        await("the alert expires once nobody re-sends it").atMost(RESOLVE_TIMEOUT.plusSeconds(5))
                .pollInterval(Duration.ofMillis(200)).until(() -> shown(a).isEmpty());
        assertThat(Duration.between(last, Instant.now())).isGreaterThanOrEqualTo(RESOLVE_TIMEOUT.minusMillis(500));
    }

    @Test
    void aDeadHubsAlertExpiresAtTheEndsAtItWasPostedWith() throws Exception {
        Alert a = firing(Severity.MAJOR);
        try (SinkRoute r = route("endsAtAfterSeconds", "4")) {
            r.deliver(a);
            Thread.sleep(2000);
            r.deliver(TestAlerts.seenAgain(a, Instant.now()));
            Thread.sleep(3000);
            assertThat(theOne(a).path("status").path("state").asText())
                    .as("5 s after the first post, 3 s after the re-send").isEqualTo("active");
        }
        Instant silent = Instant.now().minusSeconds(3);
        await("the alert ends 4 s after the last post").atMost(Duration.ofSeconds(6))
                .pollInterval(Duration.ofMillis(200)).until(() -> shown(a).isEmpty());
        assertThat(Duration.between(silent, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(3500));
    }

    @Test
    void theClearResolvesTheAlertAtOnce() throws Exception {
        Alert a = firing(Severity.MAJOR);
        try (SinkRoute r = route()) {
            r.deliver(a);
            assertThat(theOne(a).path("status").path("state").asText()).isEqualTo("active");
            r.deliver(TestAlerts.cleared(a, Severity.MAJOR, Instant.now()));
        }
        // Alertmanager's API v2 leaves resolved alerts out of /api/v2/alerts and of the groups
        await("the resolved alert leaves the API").atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(100)).until(() -> shown(a).isEmpty());
        assertThat(am.groups().toString()).doesNotContain(a.fingerprint());
    }

    @Test
    void anEscalationStaysOneAlertAndAClearWithAnotherSeverityStillResolvesIt() throws Exception {
        Alert warning = firing(Severity.WARNING);
        try (SinkRoute r = route()) {
            r.deliver(warning);
            assertThat(theOne(warning).path("labels").path("severity").asText()).isEqualTo("warning");

            Alert critical = TestAlerts.seenAgain(warning, Instant.now()).toBuilder().severity(Severity.CRITICAL).build();
            r.deliver(critical);
            assertThat(theOne(warning).path("labels").path("severity").asText()).isEqualTo("critical");

            r.deliver(TestAlerts.cleared(warning, Severity.INFO, Instant.now()));
        }
        assertThat(shown(warning)).isEmpty();
    }

    @Test
    void aListOfAlertsIsDeliveredInOneCall() throws Exception {
        Alert one = firing(Severity.MINOR);
        Alert two = TestAlerts.raidDegraded(one.tenant(), "db2", Severity.MINOR, Instant.now());
        try (SinkRoute r = route()) {
            r.deliver(List.of(one, two));
        }
        assertThat(theOne(one).path("labels").path("resource").asText()).isEqualTo("db1/md0");
        assertThat(theOne(two).path("labels").path("resource").asText()).isEqualTo("db2/md0");
        assertThat(am.alerts("tenant=\"" + one.tenant() + "\"")).hasSize(2);
    }
}
