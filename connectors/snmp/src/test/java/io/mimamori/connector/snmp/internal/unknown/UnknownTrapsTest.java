package io.mimamori.connector.snmp.internal.unknown;

import static org.assertj.core.api.Assertions.assertThat;

import io.mimamori.alert.AlertJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnknownTrapsTest {
    private static final Instant T0 = Instant.parse("2025-11-24T05:00:00Z");

    @Test
    void countsAgentsAndLastVarbindsPerOid() throws Exception {
        UnknownTraps t = new UnknownTraps(10, "snmp");
        t.record("1.3.6.1.4.1.9.0.1", "1.3.6.1.4.1.9.0.1", "192.0.2.1", Map.of("a", "1"), false, T0);
        t.record("1.3.6.1.4.1.9.0.1", "1.3.6.1.4.1.9.0.1", "192.0.2.2", Map.of("a", "2"), false, T0.plusSeconds(5));
        t.record("1.3.6.1.4.1.9.0.1", "1.3.6.1.4.1.9.0.1", "192.0.2.1", Map.of("a", "3"), false, T0.plusSeconds(9));
        t.record("1.3.6.1.4.1.8.0.2", "vendorTrap", "192.0.2.3", Map.of(), true, T0.plusSeconds(7));
        assertThat(t.entries()).hasSize(2);
        UnknownTraps.Entry top = t.entries().get(0);
        assertThat(top.trapOid()).isEqualTo("1.3.6.1.4.1.9.0.1");
        assertThat(top.count()).isEqualTo(3);
        assertThat(top.agents()).containsExactly("192.0.2.2", "192.0.2.1");
        assertThat(top.firstSeen()).isEqualTo(T0);
        assertThat(top.lastSeen()).isEqualTo(T0.plusSeconds(9));
        assertThat(top.lastVarbinds()).containsExactly(Map.entry("a", "3"));
        assertThat(t.entries().get(1).heldBack()).isTrue();
        String json = AlertJson.mapper().writeValueAsString(t.entries());
        assertThat(json).contains("\"trapOid\":\"1.3.6.1.4.1.9.0.1\"", "\"count\":3", "\"lastSeen\":\"2025-11-24T05:00:09Z\"");
    }

    @Test
    void staysWithinItsBoundsForgettingTheLeastRecentlySeen() {
        UnknownTraps t = new UnknownTraps(3, "snmp");
        for (int i = 0; i < 5; i++) {
            t.record("1.3.6.1.4.1.1.0." + i, null, "192.0.2.1", Map.of(), false, T0.plusSeconds(i));
        }
        t.record("1.3.6.1.4.1.1.0.2", null, "192.0.2.1", Map.of(), false, T0.plusSeconds(9));
        t.record("1.3.6.1.4.1.1.0.5", null, "192.0.2.1", Map.of(), false, T0.plusSeconds(10));
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.forgotten()).isEqualTo(3);
        assertThat(t.entries()).extracting(UnknownTraps.Entry::trapOid)
                .containsExactlyInAnyOrder("1.3.6.1.4.1.1.0.4", "1.3.6.1.4.1.1.0.2", "1.3.6.1.4.1.1.0.5");

        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            many.put("v" + i, "x".repeat(1000));
        }
        for (int i = 0; i < 50; i++) {
            t.record("1.3.6.1.4.1.1.0.5", null, "192.0.2." + i, many, false, T0);
        }
        UnknownTraps.Entry e = t.entries().get(0);
        assertThat(e.agents()).hasSize(UnknownTraps.MAX_AGENTS).last().isEqualTo("192.0.2.49");
        assertThat(e.lastVarbinds()).hasSize(UnknownTraps.MAX_VARBINDS);
        assertThat(e.lastVarbinds().get("v0")).hasSize(UnknownTraps.MAX_VALUE);
    }
}
