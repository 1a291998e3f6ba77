package io.mimamori.connector.alertmanager.internal;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Prometheus label names ({@code [a-zA-Z_][a-zA-Z0-9_]*}), which Alertmanager requires of label and
 * annotation names alike.
 */
public final class LabelNames {
    private LabelNames() {
    }

    /**
     * {@code name} made a valid label name: every other character (a code point) becomes
     * {@code _}, and {@code _} is put in front of a name that is empty or starts with a digit.
     */
    public static String sanitize(String name) {
        StringBuilder b = new StringBuilder(name.length() + 1);
        name.codePoints().forEach(c -> b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '_') ? (char) c : '_'));
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) {
            b.insert(0, '_');
        }
        return b.toString();
    }

    /**
     * Adds {@code extra} to {@code taken} under sanitized names, in the order of their original
     * names ({@link String#compareTo}), so the outcome depends on the names alone. A name already
     * in use (a label the sink sets, or an earlier extra label that sanitized to the same name) gets
     * the suffix {@code _2}, {@code _3}, … the first that is free. Empty values are left out, as
     * Alertmanager drops them anyway.
     */
    public static void addAll(SortedMap<String, String> taken, Map<String, String> extra) {
        for (Map.Entry<String, String> e : new TreeMap<>(extra).entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            String base = sanitize(e.getKey());
            String name = base;
            for (int n = 2; taken.containsKey(name); n++) {
                name = base + "_" + n;
            }
            taken.put(name, e.getValue());
        }
    }
}
