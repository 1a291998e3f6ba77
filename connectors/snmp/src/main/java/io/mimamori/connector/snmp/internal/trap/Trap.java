package io.mimamori.connector.snmp.internal.trap;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A received notification in its SNMPv2 form (RFC 3416 section 4.2.6; SNMPv1 traps converted as
 * RFC 3584 section 3.1 says), with everything needed to translate it and nothing secret: a v1/v2c
 * community never gets here.
 *
 * @param version      {@code v1}, {@code v2c} or {@code v3}
 * @param inform       true for an InformRequest, which the agent wants answered
 * @param trapOid      value of snmpTrapOID.0, dotted
 * @param uptime       sysUpTime.0 in hundredths of a second, or -1 when absent
 * @param varbinds     the variable bindings after sysUpTime.0 and snmpTrapOID.0, in order; for a
 *                     converted v1 trap including snmpTrapAddress.0 and snmpTrapEnterprise.0
 * @param agentAddress the agent's own address: a v1 trap's agent-addr, else snmpTrapAddress.0 when
 *                     a proxy added it, else the sender's address
 * @param peer         the sender of the datagram
 * @param securityName the SNMPv3 user, or null for v1/v2c
 * @param receivedAt   when the hub received it
 * @param raw          the message as received, with a v1/v2c community blanked out; may be empty
 * @param tenant       the tenant the agent, community or user belongs to (tenants.yaml), or null to
 *                     leave it to the pipeline
 */
public record Trap(String version, boolean inform, String trapOid, long uptime, List<Varbind> varbinds,
                   String agentAddress, InetSocketAddress peer, String securityName, Instant receivedAt, byte[] raw,
                   String tenant) {

    public static final String SNMP_TRAP_ADDRESS = "1.3.6.1.6.3.18.1.3.0";
    public static final String SNMP_TRAP_COMMUNITY = "1.3.6.1.6.3.18.1.4.0";
    public static final String SNMP_TRAP_ENTERPRISE = "1.3.6.1.6.3.1.1.4.3.0";
    public static final String SYS_UP_TIME = "1.3.6.1.2.1.1.3.0";
    public static final String SNMP_TRAP_OID = "1.3.6.1.6.3.1.1.4.1.0";

    public Trap {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trapOid, "trapOid");
        varbinds = List.copyOf(varbinds);
        Objects.requireNonNull(receivedAt, "receivedAt");
        raw = raw == null ? new byte[0] : raw;
    }

    /** A trap whose tenant is not known yet. */
    public Trap(String version, boolean inform, String trapOid, long uptime, List<Varbind> varbinds,
                String agentAddress, InetSocketAddress peer, String securityName, Instant receivedAt, byte[] raw) {
        this(version, inform, trapOid, uptime, varbinds, agentAddress, peer, securityName, receivedAt, raw, null);
    }

    /** This trap as one of {@code tenant}'s. */
    public Trap withTenant(String tenant) {
        return new Trap(version, inform, trapOid, uptime, varbinds, agentAddress, peer, securityName, receivedAt, raw,
                tenant);
    }

    /** The first variable that is {@code objectOid} or an instance of it, or null. */
    public Varbind find(String objectOid) {
        for (Varbind v : varbinds) {
            if (v.isInstanceOf(objectOid)) {
                return v;
            }
        }
        return null;
    }
}
