package io.mimamori.connector.alertmanager.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.connector.alertmanager.TestAlerts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostableAlertMapperTest {
    static final Instant SEEN = Instant.parse("2026-11-24T05:10:00.123Z");
    static final Instant NOW = Instant.parse("2026-11-24T05:12:30Z");
    final PostableAlertMapper mapper = new PostableAlertMapper(Duration.ofSeconds(240));

    @Test
    void firingAlertBecomesIdentifyingLabelsAndDescriptiveAnnotations() throws Exception {
        Alert a = TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN);
        PostableAlert p = mapper.map(a, NOW);

        assertThat(p.labels()).containsExactly(
                entry("alertname", "md-raid-degraded"),
                entry("array", "md0"),
                entry("fingerprint", a.fingerprint()),
                entry("layer", "hardware"),
                entry("rack_position", "r12-u07"),
                entry("resource", "db1/md0"),
                entry("severity", "major"),
                entry("tenant", "acme"));
        assertThat(p.annotations())
                .containsEntry("summary", "RAID md0 on db1 degraded: sdb1 failed")
                .containsEntry("id", a.id().toString())
                .containsEntry("fingerprint", a.fingerprint())
                .containsEntry("dedup_key", "md-raid/db1/md0")
                .containsEntry("site", "tokyo-1")
                .containsEntry("host", "db1")
                .containsEntry("ip", "192.0.2.10")
                .containsEntry("source_severity", "crit")
                .containsEntry("source", "syslog-source/syslog from 192.0.2.10:514")
                .containsEntry("occurrences", "1")
                .containsEntry("runbook_url", "https://runbooks.mimamori.io/linux/md-raid-degraded");
        JsonNode details = AlertJson.mapper().readTree(p.annotations().get("details"));
        assertThat(details.path("syslog").path("rule").asText()).isEqualTo("md-raid-degraded");
        JsonNode links = AlertJson.mapper().readTree(p.annotations().get("links"));
        assertThat(links).hasSize(2);
        assertThat(links.get(1).path("text").asText()).isEqualTo("dashboard");
        assertThat(p.generatorUrl()).isEqualTo("https://grafana.example.com/d/raid?var-host=db1");
        assertThat(p.startsAt()).isEqualTo(SEEN);
        assertThat(p.endsAt()).isEqualTo(NOW.plusSeconds(240));
    }

    @Test
    void theWireFormIsAlertmanagersPostableAlert() throws Exception {
        PostableAlert p = mapper.map(TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN), NOW);
        JsonNode json = AlertJson.mapper().readTree(AlertJson.mapper().writeValueAsString(List.of(p)));
        assertThat(json.isArray()).isTrue();
        JsonNode one = json.get(0);
        assertThat(one.fieldNames()).toIterable()
                .containsExactly("labels", "annotations", "startsAt", "endsAt", "generatorURL");
        assertThat(one.path("startsAt").asText()).isEqualTo("2026-11-24T05:10:00.123Z");
        assertThat(one.path("endsAt").asText()).isEqualTo("2026-11-24T05:16:30Z");
        assertThat(one.path("labels").path("severity").isTextual()).isTrue();
    }

    @Test
    void withoutALifetimeFiringAlertsCarryNoEndsAtSoResolveTimeoutApplies() throws Exception {
        PostableAlert p = new PostableAlertMapper(Duration.ZERO).map(TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN), NOW);
        assertThat(p.endsAt()).isNull();
        assertThat(AlertJson.mapper().writeValueAsString(p)).doesNotContain("endsAt");
    }

    @Test
    void labelNamesAreMadeValidPrometheusNames() {
        assertThat(LabelNames.sanitize("rack.position")).isEqualTo("rack_position");
        assertThat(LabelNames.sanitize("k8s-namespace")).isEqualTo("k8s_namespace");
        assertThat(LabelNames.sanitize("1st_disk")).isEqualTo("_1st_disk");
        assertThat(LabelNames.sanitize("")).isEqualTo("_");
        assertThat(LabelNames.sanitize("ラック")).isEqualTo("___");
        assertThat(LabelNames.sanitize("\ud83d\udd25x")).as("one _ per code point").isEqualTo("_x");
        assertThat(LabelNames.sanitize("already_Valid_9")).isEqualTo("already_Valid_9");
        for (String s : List.of("a b", "9", "x/y:z", "é")) {
            assertThat(LabelNames.sanitize(s)).matches("[a-zA-Z_][a-zA-Z0-9_]*");
        }
    }

    @Test
    void collidingNamesAreNumberedInTheOrderOfTheirOriginalNamesAndTheSinksOwnLabelsWin() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("a.b", "dot");
        labels.put("severity", "from-rule");
        labels.put("a-b", "dash");
        labels.put("alertname", "other");
        labels.put("empty", "");
        Alert a = TestAlerts.raidDegraded("acme", "db1", Severity.MINOR, SEEN).toBuilder().labels(labels).build();

        PostableAlert p = mapper.map(a, NOW);
        assertThat(p.labels())
                .containsEntry("severity", "minor")
                .containsEntry("severity_2", "from-rule")
                .containsEntry("alertname", "md-raid-degraded")
                .containsEntry("alertname_2", "other")
                .containsEntry("a_b", "dash")          // "a-b" sorts before "a.b"
                .containsEntry("a_b_2", "dot")
                .doesNotContainKey("empty");

        List<String> keys = new ArrayList<>(labels.keySet());
        Collections.reverse(keys);
        Map<String, String> reversed = new LinkedHashMap<>();
        keys.forEach(k -> reversed.put(k, labels.get(k)));
        Alert sameLabelsOtherOrder = a.toBuilder().labels(reversed).build();
        assertThat(mapper.map(sameLabelsOtherOrder, NOW).labels()).isEqualTo(p.labels());
    }

    @Test
    void aClearCarriesTheSameLabelsAndEndsWhenItWasReceived() {
        Alert firing = TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN);
        Instant clearedAt = SEEN.plusSeconds(90);
        Alert clear = TestAlerts.cleared(firing, Severity.MAJOR, clearedAt);

        PostableAlert f = mapper.map(firing, NOW);
        PostableAlert r = mapper.map(clear, NOW);
        assertThat(r.labels()).isEqualTo(f.labels());
        assertThat(r.startsAt()).isEqualTo(SEEN);
        assertThat(r.endsAt()).isEqualTo(clearedAt);
        assertThat(r.annotations()).containsEntry("summary", "RAID md0 on db1 recovered");
    }

    @Test
    void aClearNeverEndsInTheFutureNorBeforeItStarts() {
        Alert firing = TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN);
        Alert fromTheFuture = TestAlerts.cleared(firing, Severity.MAJOR, NOW.plusSeconds(30));
        assertThat(mapper.map(fromTheFuture, NOW).endsAt()).isEqualTo(NOW);

        Alert beforeItStarted = TestAlerts.cleared(firing, Severity.MAJOR, SEEN.minusSeconds(5));
        PostableAlert p = mapper.map(beforeItStarted, NOW);
        assertThat(p.endsAt()).isEqualTo(SEEN.minusSeconds(5));
        assertThat(p.startsAt()).isEqualTo(p.endsAt());
    }

    @Test
    void onlyAnAbsoluteHttpLinkBecomesTheGeneratorUrl() {
        Alert relative = Alert.builder().status(Status.FIRING).severity(Severity.WARNING).event("disk-full")
                .tenant("acme").fingerprint("0123abcd").link("/graphs/1", "console")
                .link("https://runbooks.example.com/disk-full", "Runbook").build();
        PostableAlert p = mapper.map(relative, NOW);
        assertThat(p.generatorUrl()).isNull();
        assertThat(p.annotations()).containsEntry("runbook_url", "https://runbooks.example.com/disk-full");
        assertThat(p.startsAt()).as("no first-seen time: now").isEqualTo(NOW);
    }

    @Test
    void longDetailsAreCutToABoundedAnnotation() {
        Alert a = TestAlerts.raidDegraded("acme", "db1", Severity.MAJOR, SEEN).toBuilder()
                .detail("dump", "x".repeat(20_000)).build();
        String details = mapper.map(a, NOW).annotations().get("details");
        assertThat(details).hasSize(PostableAlertMapper.MAX_DETAILS).endsWith("…").startsWith("{\"syslog\":");
    }
}
