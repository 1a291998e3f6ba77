package io.mimamori.connector.snmp.internal.defs;

import java.util.Map;

/**
 * A MIB name a definition file declares: an object whose variable bindings templates can name, or
 * a notification a clear can refer to.
 *
 * @param values the enumeration of an INTEGER object (or named OIDs of an OBJECT IDENTIFIER one):
 *               raw value text to the name templates show; empty for none
 * @param where  {@code file:line} of its declaration
 */
record MibObject(String name, String oid, Map<String, String> values, String where) {
    MibObject {
        values = Map.copyOf(values);
    }

    /** The name for a raw value, or the raw value when it has none. */
    String display(String raw) {
        String named = values.get(raw);
        return named != null ? named : raw;
    }
}
