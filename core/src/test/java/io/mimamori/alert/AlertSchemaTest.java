package io.mimamori.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.mimamori.pipeline.AlertCompleter;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Serialized alerts must validate against the published schema file, and the schema must catch breakage. */
class AlertSchemaTest {
    private static final JsonSchema SCHEMA = loadSchema();

    private static JsonSchema loadSchema() {
        try (InputStream in = AlertSchemaTest.class.getResourceAsStream("/schema/alert-v1.schema.json")) {
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Set<ValidationMessage> validate(Alert alert) throws Exception {
        JsonNode json = AlertJson.mapper().readTree(AlertJson.toBytes(alert));
        return SCHEMA.validate(json);
    }

    static Alert fullAlert() {
        Instant t = Instant.parse("2026-11-24T05:10:00.123Z");
        Alert draft = Alert.builder()
                .status(Status.FIRING).severity(Severity.MAJOR).sourceSeverity("err").layer(Layer.HARDWARE)
                .event("md-raid-degraded").resource("db1/md0").host("db1").ip("192.0.2.10")
                .summary("RAID md0 on db1 degraded: sdb1 failed").dedupKey("md-raid/db1/md0")
                .source(new AlertSource("syslog-source", "syslog", "192.0.2.10:514", t, t.minusMillis(5)))
                .label("array", "md0")
                .detail("syslog", Map.of("facility", "kern", "severity", "crit", "rule", "md-raid-degraded"))
                .link("https://runbooks.mimamori.io/linux/md-raid-degraded", "runbook")
                .timeoutSeconds(3600)
                .raw(RawPayload.text("text/plain", "<2>Nov 24 05:10:00 db1 kernel: md/raid1:md0: Disk failure", 8192))
                .build();
        return new AlertCompleter("acme", "tokyo-1", Clock.fixed(t, ZoneOffset.UTC)).complete(draft);
    }

    @Test
    void completedAlertWithEveryFieldIsValid() throws Exception {
        Alert alert = fullAlert();
        assertThat(validate(alert)).isEmpty();
        String json = AlertJson.toJson(alert);
        assertThat(json).startsWith("{\"schema\":\"mimamori.alert/v1\",\"id\":\"");
        assertThat(json).contains("\"status\":\"firing\"", "\"severity\":\"major\"", "\"layer\":\"hardware\"",
                "\"tenant\":\"acme\"", "\"occurrences\":1", "\"receivedAt\":\"2026-11-24T05:10:00.123Z\"");
    }

    @Test
    void minimalCompletedAlertIsValid() throws Exception {
        Alert draft = Alert.builder().status(Status.RESOLVED).severity(Severity.INFO).event("linkUp")
                .source(new AlertSource("snmp-trap-source", null, null, Instant.EPOCH, null)).build();
        Alert alert = new AlertCompleter("default", null, Clock.systemUTC()).complete(draft);
        assertThat(alert.dedupKey()).isEqualTo("linkUp/-");
        assertThat(validate(alert)).isEmpty();
    }

    @Test
    void schemaRejectsAlertsMissingWhatSinksNeed() throws Exception {
        Alert draft = fullAlert().toBuilder().tenant(null).fingerprint(null).build();
        assertThat(validate(draft)).extracting(ValidationMessage::getMessage)
                .anyMatch(m -> m.contains("tenant"))
                .anyMatch(m -> m.contains("fingerprint"));
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        Alert alert = fullAlert();
        assertThat(AlertJson.fromJson(AlertJson.toJson(alert))).isEqualTo(alert);
    }

    @Test
    void longSummaryAndDedupKeyAreCappedWithoutBreakingTheSchema() throws Exception {
        String big = "x".repeat(5000);
        Alert alert = fullAlert().toBuilder().summary(big).dedupKey(big).build();
        assertThat(alert.summary()).hasSize(Alert.MAX_SUMMARY).endsWith("\u2026");
        assertThat(alert.dedupKey()).hasSize(Alert.MAX_DEDUP_KEY);
        assertThat(validate(alert)).isEmpty();
    }

    @Test
    void fingerprintDependsOnTenantAndDedupKeyOnly() {
        assertThat(Fingerprints.of("acme", "md-raid/db1/md0")).isEqualTo(Fingerprints.of("acme", "md-raid/db1/md0"))
                .hasSize(32)
                .isNotEqualTo(Fingerprints.of("globex", "md-raid/db1/md0"))
                .isNotEqualTo(Fingerprints.of("acme", "md-raid/db1/md1"));
        // the separator keeps "a"+"bc" and "ab"+"c" apart
        assertThat(Fingerprints.of("a", "bc")).isNotEqualTo(Fingerprints.of("ab", "c"));
    }

    @Test
    void rawPayloadIsCappedOnACharacterBoundary() {
        RawPayload p = RawPayload.text("text/plain", "\u65e5\u672c".repeat(100), 10);
        assertThat(p.truncated()).isTrue();
        assertThat(p.data()).isEqualTo("\u65e5\u672c\u65e5");
    }
}
