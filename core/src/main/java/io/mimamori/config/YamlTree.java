package io.mimamori.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML document that remembers where each value stood, so every config error can name its
 * file and line. Duplicate keys are an error, not a silent overwrite.
 */
public final class YamlTree {
    private YamlTree() {
    }

    /** Loads {@code file}; a syntax error becomes a {@link ConfigException} with file and line. */
    public static Node load(Path file) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file.toString(), r);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(file.toString(), 0, "cannot read: " + e.getMessage()));
        }
    }

    public static Node parse(String fileName, String text) {
        return parse(fileName, new StringReader(text));
    }

    public static Node parse(String fileName, Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(16 * 1024 * 1024);
        try {
            org.yaml.snakeyaml.nodes.Node root = new Yaml(options).compose(reader);
            if (root == null) {
                return new Node(fileName, 1, null);
            }
            rejectDuplicateKeys(fileName, root);
            return new Node(fileName, root.getStartMark().getLine() + 1, root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            throw new ConfigException(new ConfigProblem(fileName, line,
                    "not valid YAML: " + e.getProblem() + "; fix the syntax at this line"));
        } catch (YAMLException e) {
            throw new ConfigException(new ConfigProblem(fileName, 0, "not valid YAML: " + e.getMessage()));
        }
    }

    private static void rejectDuplicateKeys(String fileName, org.yaml.snakeyaml.nodes.Node node) {
        if (node instanceof MappingNode m) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && !seen.add(k.getValue())) {
                    throw new ConfigException(new ConfigProblem(fileName, k.getStartMark().getLine() + 1,
                            "duplicate key '" + k.getValue() + "': keep only one of them"));
                }
                rejectDuplicateKeys(fileName, t.getValueNode());
            }
        } else if (node instanceof SequenceNode s) {
            for (org.yaml.snakeyaml.nodes.Node n : s.getValue()) {
                rejectDuplicateKeys(fileName, n);
            }
        }
    }

    /** One value in the document: a map, a list, a scalar or empty. */
    public static final class Node {
        private final String file;
        private final int line;
        private final org.yaml.snakeyaml.nodes.Node node;

        private Node(String file, int line, org.yaml.snakeyaml.nodes.Node node) {
            this.file = file;
            this.line = line;
            this.node = node;
        }

        private Node child(org.yaml.snakeyaml.nodes.Node n) {
            return new Node(file, n.getStartMark().getLine() + 1, n);
        }

        public String file() {
            return file;
        }

        public int line() {
            return line;
        }

        public boolean isEmpty() {
            return node == null || (node instanceof ScalarNode s && s.getValue().isEmpty()
                    && "tag:yaml.org,2002:null".equals(s.getTag().getValue()));
        }

        public boolean isMap() {
            return node instanceof MappingNode;
        }

        public boolean isList() {
            return node instanceof SequenceNode;
        }

        public boolean isScalar() {
            return node instanceof ScalarNode && !isEmpty();
        }

        /** The scalar's text, or null when this is not a scalar. */
        public String text() {
            return node instanceof ScalarNode s && !isEmpty() ? s.getValue() : null;
        }

        /** Entries of a map in document order; empty when this is not a map. */
        public Map<String, Node> entries() {
            if (!(node instanceof MappingNode m)) {
                return Map.of();
            }
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : String.valueOf(t.getKeyNode());
                out.put(key, child(t.getValueNode()));
            }
            return Collections.unmodifiableMap(out);
        }

        /** The line of a map key (better than the value's line for error messages). */
        public int keyLine(String key) {
            if (node instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        return k.getStartMark().getLine() + 1;
                    }
                }
            }
            return line;
        }

        /** The value under {@code key}, or null when absent or this is not a map. */
        public Node get(String key) {
            if (node instanceof MappingNode m) {
                for (NodeTuple t : m.getValue()) {
                    if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                        return child(t.getValueNode());
                    }
                }
            }
            return null;
        }

        /** Scalar text under {@code key}, or null. */
        public String text(String key) {
            Node n = get(key);
            return n == null ? null : n.text();
        }

        /** Items of a list; a single scalar counts as a one-item list; empty otherwise. */
        public List<Node> items() {
            if (node instanceof SequenceNode s) {
                List<Node> out = new ArrayList<>();
                for (org.yaml.snakeyaml.nodes.Node n : s.getValue()) {
                    out.add(child(n));
                }
                return out;
            }
            return isScalar() ? List.of(this) : List.of();
        }

        /**
         * The value as plain data, to pass a block of YAML on (as JSON, for instance): a map in
         * document order, a list, or a scalar typed as YAML resolves it (Long or BigInteger, Double,
         * Boolean, null) or else its text as written, quoted scalars and timestamps included.
         */
        public Object value() {
            if (node instanceof MappingNode) {
                Map<String, Object> out = new LinkedHashMap<>();
                entries().forEach((key, value) -> out.put(key, value.value()));
                return out;
            }
            if (node instanceof SequenceNode) {
                List<Object> out = new ArrayList<>();
                items().forEach(item -> out.add(item.value()));
                return out;
            }
            if (!(node instanceof ScalarNode s) || isEmpty()) {
                return null;
            }
            String text = s.getValue();
            return switch (s.getTag().getValue()) {
                case "tag:yaml.org,2002:null" -> null;
                case "tag:yaml.org,2002:bool" -> Boolean.valueOf(text.equalsIgnoreCase("true")
                        || text.equalsIgnoreCase("yes") || text.equalsIgnoreCase("on"));
                case "tag:yaml.org,2002:int" -> integer(text);
                case "tag:yaml.org,2002:float" -> decimal(text);
                default -> text;
            };
        }

        private static Object integer(String text) {
            String digits = text.replace("_", "");
            try {
                BigInteger n = digits.startsWith("0x") || digits.startsWith("-0x")
                        ? new BigInteger(digits.replaceFirst("0x", ""), 16)
                        : new BigInteger(digits);
                return n.bitLength() < 64 ? (Object) n.longValue() : n;
            } catch (NumberFormatException e) {
                return text;
            }
        }

        private static Object decimal(String text) {
            try {
                return Double.valueOf(text.replace("_", ""));
            } catch (NumberFormatException e) {
                return text;
            }
        }

        public ConfigProblem problem(String message) {
            return new ConfigProblem(file, line, message);
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }
}
