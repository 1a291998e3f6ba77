package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.alert.Layer;
import io.mimamori.config.Template;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One compiled trap definition: which traps it takes (one OID, or every OID under a prefix) and the
 * alert it makes of them, or that it holds them back.
 *
 * @param oid          the trap OID it is for, or null when it is for {@code oidPrefix}
 * @param oidPrefix    every trap under this OID not defined more specifically, or null
 * @param hold         true: the traps are counted and not alerted
 * @param decode       a decoder that adds variables ({@code ipmi-pet}), or null
 * @param when         variable to the values it must have for this definition to take the trap (every
 *                     variable listed must match); empty: it takes every trap of its OID or prefix that
 *                     no conditional definition took
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
        Map<String, Set<String>> when,
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
     * @param when    variable to the values it must have for the trap to clear (every variable listed
     *                must match); empty: the trap always clears
     */
    record Clear(String trapOid, List<String> match, Template summary, Map<String, Set<String>> when) {
        Clear {
            match = List.copyOf(match);
            when = Map.copyOf(when);
        }
    }

    /** Whether {@code vars} (display values) or {@code raw} (raw values) satisfy every condition of {@code when}. */
    static boolean holds(Map<String, Set<String>> when, Function<String, String> vars,
            Function<String, String> raw) {
        for (Map.Entry<String, Set<String>> e : when.entrySet()) {
            String value = vars.apply(e.getKey());
            String rawValue = raw.apply(e.getKey());
            if ((value == null || !e.getValue().contains(value)) && (rawValue == null || !e.getValue().contains(rawValue))) {
                return false;
            }
        }
        return true;
    }

    Definition {
        when = Map.copyOf(when);
    }

    /** The OID or prefix, for messages. */
    String selector() {
        return oid != null ? oid : oidPrefix + ".*";
    }
}
