package io.mimamori.connector.snmp.internal.trap;

import java.util.ArrayList;
import java.util.List;

/**
 * The SNMPv1 to SNMPv2 notification translation of RFC 3584 section 3.1, so one definition, written
 * for the trap's SNMPv2 OID, serves agents that send either form.
 */
public final class V1Conversion {
    /** snmpTraps (SNMPv2-MIB): the generic traps 0..5 become snmpTraps.1 .. snmpTraps.6. */
    public static final String SNMP_TRAPS = "1.3.6.1.6.3.1.1.5";
    public static final int ENTERPRISE_SPECIFIC = 6;

    private V1Conversion() {
    }

    /**
     * snmpTrapOID.0 of a v1 trap: for a generic trap (0..5) {@code snmpTraps.(generic+1)}; for an
     * enterprise-specific one {@code enterprise.0.specific}.
     */
    public static String trapOid(String enterprise, int genericTrap, long specificTrap) {
        if (genericTrap >= 0 && genericTrap < ENTERPRISE_SPECIFIC) {
            return SNMP_TRAPS + "." + (genericTrap + 1);
        }
        return enterprise + ".0." + specificTrap;
    }

    /**
     * The v1 variable bindings followed by snmpTrapAddress.0 and snmpTrapEnterprise.0 (RFC 3584
     * 3.1 (3)). snmpTrapCommunity.0 is left out on purpose: a community is a secret.
     */
    public static List<Varbind> varbinds(List<Varbind> v1Varbinds, String agentAddress, String enterprise) {
        List<Varbind> out = new ArrayList<>(v1Varbinds.size() + 2);
        out.addAll(v1Varbinds);
        if (agentAddress != null) {
            out.add(new Varbind(Trap.SNMP_TRAP_ADDRESS, "ip", agentAddress, null));
        }
        out.add(new Varbind(Trap.SNMP_TRAP_ENTERPRISE, "oid", enterprise, null));
        return out;
    }
}
