package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.alert.Layer;
import io.mimamori.config.Template;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One compiled trap definition: which traps it takes (one OID, or every OID under a prefix) and the
 * alert it makes of them, or that it holds them back.
 *
 * @param oid          the trap OID it is for, or null when it is for {@code oidPrefix}
 * @param oidPrefix    every trap under this OID not defined more specifically, or null
 * @param hold         true: the traps are counted and not alerted
 * @param decode       a decoder that adds variables ({@code ipmi-pet}), or null
 * @param resolvedWhen variable to the values that make the trap a clear of its own condition
 * @param clears       the traps that clear the condition this one raises
 * @param where        {@code file:line} of the definition
 */
record Definition(
        String name,
        String oid,
        String oidPrefix,
        boolean hold,
        String decode,
        String event,
        SeverityRule severity,
        Layer layer,
        Template summary,
        Template resource,
        Template dedupKey,
        Map<String, Template> labels,
        Template runbook,
        Integer timeoutSeconds,
        Map<String, Set<String>> resolvedWhen,
        List<Clear> clears,
        String where) {

    /**
     * A trap that clears this definition's condition.
     *
     * @param trapOid the clearing trap's OID
     * @param match   the objects both traps carry that identify the condition (they make up the dedupKey)
     * @param summary the summary of the resolved alert
     */
    record Clear(String trapOid, List<String> match, Template summary) {
        Clear {
            match = List.copyOf(match);
        }
    }

    /** The OID or prefix, for messages. */
    String selector() {
        return oid != null ? oid : oidPrefix + ".*";
    }
}
