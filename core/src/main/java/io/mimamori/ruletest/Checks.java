package io.mimamori.ruletest;

import io.mimamori.config.Suggestions;
import io.mimamori.config.YamlTree;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects the failures of one test file, one readable line per mismatch. */
final class Checks {
    private final List<String> failures;

    Checks(List<String> failures) {
        this.failures = failures;
    }

    void fail(String message) {
        failures.add(message);
    }

    /** {@code where: field: expected 'x', actual 'y'} when they differ. */
    void compare(String where, String field, String expected, String actual) {
        if (!Objects.equals(expected, actual)) {
            fail(where + ": " + field + ": expected " + quote(expected) + ", actual " + quote(actual));
        }
    }

    /** Compares only the labels listed under {@code expected}. */
    void compareLabels(String where, YamlTree.Node expected, Map<String, String> actual) {
        if (!expected.isMap()) {
            fail(where + ": labels: expected a map of label name to value");
            return;
        }
        expected.entries().forEach((label, value) -> compare(where, "labels." + label, value.text(), actual.get(label)));
    }

    /** One failure per key of {@code map} not in {@code known}, with the closest known key as a hint. */
    void unknownKeys(YamlTree.Node map, List<String> known, String what) {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                fail(map.file() + ":" + map.keyLine(key) + ": " + unknownKey(key, known, what));
            }
        }
    }

    /** {@code unknown key 'x' in WHAT; known: a, b (did you mean 'y'?)}. */
    static String unknownKey(String key, List<String> known, String what) {
        String hint = Suggestions.closest(key, known);
        return "unknown key '" + key + "' in " + what + "; known: "
                + String.join(", ", known) + (hint == null ? "" : " (did you mean '" + hint + "'?)");
    }

    static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }
}
