package io.mimamori.tenant;

import io.mimamori.alert.Layer;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.Problems;
import io.mimamori.config.Suggestions;
import io.mimamori.config.YamlTree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Typed values of {@code tenants.yaml}, each mistake collected as a problem at its line so that
 * reading goes on: single values, lists, booleans, layers, known keys and secret references.
 */
final class FieldReader {
    private final Problems problems = new Problems();
    private final Path configDir;
    private final Function<String, String> environment;

    FieldReader(Path configDir, Function<String, String> environment) {
        this.configDir = configDir;
        this.environment = environment;
    }

    void add(YamlTree.Node at, String message) {
        problems.add(at, message);
    }

    /** A problem at the line of {@code key} in {@code map}. */
    void addAtKey(YamlTree.Node map, String key, String message) {
        problems.add(new ConfigProblem(map.file(), map.keyLine(key), message));
    }

    List<ConfigProblem> problems() {
        return problems.list();
    }

    /** A resolved {@code env:}/{@code file:} reference, or null after reporting why it cannot be read. */
    String secret(YamlTree.Node at, String what, String where) {
        try {
            return SecretReference.resolve(at.text(), configDir, environment);
        } catch (IllegalArgumentException e) {
            add(at, what + " of " + where + ": " + e.getMessage());
            return null;
        }
    }

    List<Layer> layers(YamlTree.Node node) {
        List<Layer> out = new ArrayList<>();
        for (YamlTree.Node item : texts(node, "layer")) {
            try {
                out.add(Layer.parse(item.text()));
            } catch (IllegalArgumentException e) {
                add(item, e.getMessage());
            }
        }
        return out;
    }

    boolean bool(YamlTree.Node node, String field) {
        if (node == null) {
            return false;
        }
        String text = scalar(node, field);
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        if (text != null) {
            add(node, field + " must be true or false, not '" + text + "'");
        }
        return false;
    }

    /** A value or a list of values, each a scalar; a problem for anything else. */
    List<YamlTree.Node> texts(YamlTree.Node node, String field) {
        if (node == null) {
            return List.of();
        }
        if (node.isEmpty() || node.isMap()) {
            add(node, node.isEmpty() ? field + " is empty: give a value or remove the key"
                    : field + " must be a value or a list of values, not a map");
            return List.of();
        }
        List<YamlTree.Node> out = new ArrayList<>();
        for (YamlTree.Node item : node.items()) {
            if (item.isScalar()) {
                out.add(item);
            } else {
                add(item, field + ": each item must be a single value");
            }
        }
        return out;
    }

    String scalar(YamlTree.Node node, String field) {
        if (node.isScalar()) {
            return node.text();
        }
        add(node, node.isEmpty() ? field + " is empty: give a value or remove the key"
                : field + " must be a single value, not a list or map");
        return null;
    }

    void checkKeys(YamlTree.Node map, List<String> known, String where) {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known);
                problems.add(new ConfigProblem(map.file(), map.keyLine(key), "unknown key '" + key + "' in " + where
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)")
                        + "; known keys: " + String.join(", ", known)));
            }
        }
    }

}
