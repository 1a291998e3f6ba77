package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.trap.Varbind;
import java.util.Map;
import java.util.function.Function;

/**
 * What a template's {@code ${name}} means for one trap: the built-ins ({@code host}, {@code trapOid}
 * ...), each declared object by its MIB name (the value, shown by its enumeration name when it has
 * one; {@code NAME.index} the instance part of the variable's OID), and the decoder's variables.
 */
final class TrapVariables implements Function<String, String> {
    private final Trap trap;
    private final TrapDefinitions definitions;
    private final String trapName;
    private final Map<String, String> decoded;
    private final boolean raw;

    TrapVariables(Trap trap, TrapDefinitions definitions, String trapName, Map<String, String> decoded, boolean raw) {
        this.trap = trap;
        this.definitions = definitions;
        this.trapName = trapName;
        this.decoded = decoded;
        this.raw = raw;
    }

    /** The same variables with objects' raw values instead of their enumeration names. */
    TrapVariables raw() {
        return new TrapVariables(trap, definitions, trapName, decoded, true);
    }

    @Override
    public String apply(String name) {
        switch (name) {
            case "host", "ip":
                return trap.agentAddress();
            case "peer":
                return trap.peer() == null ? null : trap.peer().getAddress().getHostAddress();
            case "trapOid":
                return trap.trapOid();
            case "trapName":
                return trapName;
            case "version":
                return trap.version();
            case "securityName":
                return trap.securityName();
            case "uptime":
                return trap.uptime() < 0 ? null : Long.toString(trap.uptime());
            case "enterprise": {
                Varbind e = trap.find(Trap.SNMP_TRAP_ENTERPRISE);
                return e == null ? null : e.text();
            }
            default:
                break;
        }
        String d = decoded.get(name);
        if (d != null) {
            return d;
        }
        boolean index = name.endsWith(".index");
        MibObject o = definitions.object(index ? name.substring(0, name.length() - ".index".length()) : name);
        if (o == null) {
            return null;
        }
        Varbind v = trap.find(o.oid());
        if (v == null) {
            return null;
        }
        if (index) {
            return v.instanceBelow(o.oid());
        }
        return raw ? v.text() : o.display(v.text());
    }
}
