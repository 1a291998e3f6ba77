package io.mimamori.connector.snmp.internal.trap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3584 section 3.1: the SNMPv2 form of SNMPv1 traps. */
class V1ConversionTest {
    @Test
    void genericTrapsBecomeSnmpTraps() {
        assertThat(V1Conversion.trapOid("1.3.6.1.4.1.9", 0, 0)).isEqualTo("1.3.6.1.6.3.1.1.5.1"); // coldStart
        assertThat(V1Conversion.trapOid("1.3.6.1.4.1.9", 2, 0)).isEqualTo("1.3.6.1.6.3.1.1.5.3"); // linkDown
        assertThat(V1Conversion.trapOid("1.3.6.1.4.1.9", 3, 0)).isEqualTo("1.3.6.1.6.3.1.1.5.4"); // linkUp
        assertThat(V1Conversion.trapOid("1.3.6.1.4.1.9", 5, 0)).isEqualTo("1.3.6.1.6.3.1.1.5.6"); // egpNeighborLoss
    }

    @Test
    void enterpriseSpecificTrapsBecomeEnterpriseZeroSpecific() {
        assertThat(V1Conversion.trapOid("1.3.6.1.4.1.232", 6, 6036)).isEqualTo("1.3.6.1.4.1.232.0.6036");
        assertThat(V1Conversion.trapOid("1.3.6.1.4.1.3183.1.1", 6, 4294967295L))
                .isEqualTo("1.3.6.1.4.1.3183.1.1.0.4294967295");
    }

    @Test
    void agentAddressAndEnterpriseAreAppendedButNeverTheCommunity() {
        List<Varbind> out = V1Conversion.varbinds(List.of(new Varbind("1.3.6.1.2.1.2.2.1.1.3", "integer", "3", null)),
                "192.0.2.5", "1.3.6.1.4.1.9");
        assertThat(out).extracting(Varbind::oid).containsExactly("1.3.6.1.2.1.2.2.1.1.3", Trap.SNMP_TRAP_ADDRESS,
                Trap.SNMP_TRAP_ENTERPRISE);
        assertThat(out).extracting(Varbind::text).containsExactly("3", "192.0.2.5", "1.3.6.1.4.1.9");
        assertThat(out).extracting(Varbind::oid).doesNotContain(Trap.SNMP_TRAP_COMMUNITY);
    }
}
