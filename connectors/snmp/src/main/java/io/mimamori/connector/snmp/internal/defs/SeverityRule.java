package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.alert.Severity;
import java.util.Map;
import java.util.function.Function;

/**
 * A definition's severity: fixed, or looked up from a variable's value ({@code from}), by the
 * value's name first and its raw text second, with {@code fallback} for values the map lacks.
 */
record SeverityRule(Severity fixed, String from, Map<String, Severity> map, Severity fallback) {
    SeverityRule {
        map = map == null ? Map.of() : Map.copyOf(map);
    }

    static SeverityRule fixed(Severity s) {
        return new SeverityRule(s, null, Map.of(), s);
    }

    Severity apply(Function<String, String> variables, Function<String, String> rawVariables) {
        if (fixed != null) {
            return fixed;
        }
        Severity s = map.get(nullToEmpty(variables.apply(from)));
        if (s == null) {
            s = map.get(nullToEmpty(rawVariables.apply(from)));
        }
        return s != null ? s : fallback;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
