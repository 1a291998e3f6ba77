package io.mimamori.connector.snmp.internal.defs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Status;
import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.trap.Varbind;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrapClassifierTest {
    private static final Instant AT = Instant.parse("2025-11-24T05:10:00Z");
    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.9", 40162);

    private static TrapClassifier classifier(Severity unknownSeverity) throws Exception {
        return new TrapClassifier(TrapDefinitions.load(DefinitionValidationTest.resource("valid")), unknownSeverity,
                "snmp-trap-source", "snmp", 8192);
    }

    private static Trap trap(String oid, List<Varbind> varbinds, byte[] raw) {
        return new Trap("v2c", false, oid, 4711, varbinds, "192.0.2.9", PEER, null, AT, raw);
    }

    private static Varbind integer(String oid, int v) {
        return new Varbind(oid, "integer", Integer.toString(v), null);
    }

    @Test
    void aDefinedTrapBecomesAnAlertWithNamedVarbindsAndNoSecret() throws Exception {
        byte[] raw = "0\u0014\u0002\u0001\u0001\u0004\u0006******".getBytes(StandardCharsets.ISO_8859_1);
        TrapClassifier.Result r = classifier(Severity.WARNING).classify(trap("1.3.6.1.6.3.1.1.5.3",
                List.of(integer("1.3.6.1.2.1.2.2.1.1.7", 7), integer("1.3.6.1.2.1.2.2.1.7.7", 2),
                        new Varbind("1.3.6.1.4.1.9.2.2.1.1.20.7", "octets", "administratively down", null)), raw));

        assertThat(r.outcome()).isEqualTo(TrapClassifier.Outcome.ALERT);
        Alert a = r.alerts().get(0);
        assertThat(a.status()).isEqualTo(Status.FIRING);
        assertThat(a.event()).isEqualTo("link-down");
        assertThat(a.layer()).isEqualTo(Layer.NETWORK);
        assertThat(a.summary()).isEqualTo("Link down on 192.0.2.9 ifIndex 7 (admin down)");
        assertThat(a.dedupKey()).isEqualTo("link/192.0.2.9/7");
        assertThat(a.host()).isEqualTo("192.0.2.9");
        assertThat(a.source().peer()).isEqualTo("192.0.2.9:40162");
        assertThat(a.source().connector()).isEqualTo("snmp-trap-source");
        assertThat(a.labels()).containsEntry("trap", "linkDown");
        @SuppressWarnings("unchecked")
        Map<String, Object> snmp = (Map<String, Object>) a.details().get("snmp");
        assertThat(snmp).containsEntry("version", "v2c").containsEntry("trapOid", "1.3.6.1.6.3.1.1.5.3")
                .containsEntry("trapName", "linkDown").containsEntry("definition", "linkDown").containsEntry("uptime", 4711L)
                .doesNotContainKey("community");
        @SuppressWarnings("unchecked")
        Map<String, Object> vbs = (Map<String, Object>) snmp.get("varbinds");
        assertThat(vbs).containsExactly(Map.entry("ifIndex.7", (Object) "7"),
                Map.entry("ifAdminStatus.7", (Object) "down"), Map.entry("1.3.6.1.4.1.9.2.2.1.1.20.7", (Object) "administratively down"));
        assertThat(a.raw().encoding()).isEqualTo("base64");
        assertThat(Base64.getDecoder().decode(a.raw().data())).isEqualTo(raw);
        assertThat(AlertJson.toJson(a)).contains("\"ifAdminStatus.7\":\"down\"");
    }

    @Test
    void theClearingTrapResolvesTheSameCondition() throws Exception {
        TrapClassifier c = classifier(Severity.WARNING);
        Alert down = c.classify(trap("1.3.6.1.6.3.1.1.5.3", List.of(integer("1.3.6.1.2.1.2.2.1.1.7", 7)), null))
                .alerts().get(0);
        TrapClassifier.Result up = c.classify(trap("1.3.6.1.6.3.1.1.5.4", List.of(integer("1.3.6.1.2.1.2.2.1.1.7", 7)), null));
        assertThat(up.outcome()).isEqualTo(TrapClassifier.Outcome.CLEAR);
        assertThat(up.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(Status.RESOLVED);
            assertThat(a.dedupKey()).isEqualTo(down.dedupKey());
            assertThat(a.event()).isEqualTo(down.event());
            assertThat(a.summary()).isEqualTo("Link up on 192.0.2.9 ifIndex 7");
        });
        assertThat(c.classify(trap("1.3.6.1.6.3.1.1.5.4", List.of(integer("1.3.6.1.2.1.2.2.1.1.8", 8)), null))
                .alerts().get(0).dedupKey()).isEqualTo("link/192.0.2.9/8");
    }

    @Test
    void unknownTrapsAlertWithTheConfiguredSeverityOrNotAtAllButAreNeverSilentlyLost() throws Exception {
        Trap unknown = trap("1.3.6.1.4.1.99999.0.7", List.of(new Varbind("1.3.6.1.4.1.99999.1.1.0", "octets",
                "disk 3 failed", null)), null);
        TrapClassifier.Result r = classifier(Severity.MINOR).classify(unknown);
        assertThat(r.outcome()).isEqualTo(TrapClassifier.Outcome.UNKNOWN);
        assertThat(r.unlisted()).isTrue();
        assertThat(r.alerts()).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.MINOR);
            assertThat(a.event()).isEqualTo(TrapClassifier.UNKNOWN_EVENT);
            assertThat(a.layer()).isEqualTo(Layer.UNKNOWN);
            assertThat(a.summary()).isEqualTo("Unknown SNMP trap 1.3.6.1.4.1.99999.0.7 from 192.0.2.9: "
                    + "1.3.6.1.4.1.99999.1.1.0=disk 3 failed");
            assertThat(a.dedupKey()).isEqualTo("snmp-unknown/192.0.2.9/1.3.6.1.4.1.99999.0.7");
        });
        TrapClassifier.Result quiet = classifier(null).classify(unknown);
        assertThat(quiet.alerts()).isEmpty();
        assertThat(quiet.unlisted()).isTrue();
    }

    @Test
    void heldBackTrapsMakeNoAlertButStayListedWhenOnlyAPrefixHeldThem() throws Exception {
        TrapClassifier.Result r = classifier(Severity.WARNING).classify(trap("1.3.6.1.4.1.9.9.41.2.0.1", List.of(), null));
        assertThat(r.outcome()).isEqualTo(TrapClassifier.Outcome.HELD);
        assertThat(r.alerts()).isEmpty();
        assertThat(r.unlisted()).isTrue();
        assertThat(r.definition()).isEqualTo("ciscoSyslogHeld");
    }
}
