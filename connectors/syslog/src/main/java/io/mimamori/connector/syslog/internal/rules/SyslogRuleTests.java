package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.config.Suggestions;
import io.mimamori.alert.Alert;
import io.mimamori.alert.Link;
import io.mimamori.alert.RawPayload;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.YamlTree;
import io.mimamori.connector.syslog.SyslogMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs rule test files ({@code *.test.yaml}) against a rules directory: each case is a raw
 * syslog frame and the alert fields it must produce, or {@code expect: none}.
 *
 * <p>The threshold for unmatched messages is off while testing, so {@code none} means "no rule
 * matched". Listed fields must be equal; fields not listed are not checked, and of
 * {@code labels} only the listed labels are.
 */
public final class SyslogRuleTests {

    /**
     * The outcome of a run.
     *
     * @param cases     how many cases ran
     * @param failures  one line per mismatch: {@code file:line: case 'name': field: expected '..', actual '..'}
     * @param uncovered rules without a firing case and clears without a resolved case
     */
    public record Report(int cases, List<String> failures, List<String> uncovered) {
        public Report {
            failures = List.copyOf(failures);
            uncovered = List.copyOf(uncovered);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private static final String TEST_FILE_SUFFIX = ".test.yaml";
    private static final List<String> FILE_KEYS = List.of("tests");
    private static final List<String> CASE_KEYS = List.of("name", "input", "peer", "expect");
    private static final List<String> EXPECT_KEYS = List.of("status", "event", "severity", "sourceSeverity",
            "layer", "resource", "host", "ip", "summary", "dedupKey", "timeoutSeconds", "labels", "runbook", "rule");
    /** A documentation address (RFC 5737), the sender of cases that give no {@code peer}. */
    private static final InetSocketAddress DEFAULT_PEER = new InetSocketAddress("192.0.2.10", 514);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[[0-9A-Fa-f:.]+\\]");
    private static final Instant RECEIVED_AT = Instant.parse("2025-11-24T05:10:00Z");

    private final Function<String, SyslogMessage> parser;

    /** @param parser decodes one raw frame as the syslog source would; it must not throw */
    public SyslogRuleTests(Function<String, SyslogMessage> parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** The {@code *.test.yaml} files directly in {@code dir}, in name order. */
    public static List<Path> testFiles(Path dir) {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(p -> p.getFileName().toString().endsWith(TEST_FILE_SUFFIX))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list rule tests in " + dir, e);
        }
    }

    /** Runs one test file; the failures, empty when every case passed. */
    public List<String> run(Path rulesDir, Path testFile) {
        return run(rulesDir, List.of(testFile)).failures();
    }

    /** Runs the test files against the rules in {@code rulesDir} and reports failures and coverage. */
    public Report run(Path rulesDir, List<Path> testFiles) {
        SyslogRules rules;
        try {
            rules = SyslogRules.load(rulesDir);
        } catch (ConfigException e) {
            return new Report(0, e.problems().stream().map(ConfigProblem::toString).toList(), List.of());
        }
        SyslogClassifier classifier = new SyslogClassifier(rules, -1, "syslog", "rule-tests", RawPayload.DEFAULT_CAP);
        Run run = new Run(classifier);
        testFiles.forEach(run::file);
        List<String> uncovered = new ArrayList<>();
        for (Entry e : rules.entries()) {
            if (!run.decided.contains(e)) {
                uncovered.add(e.describe() + " has no test case " + (e.isClear() ? "that resolves" : "that fires"));
            }
        }
        return new Report(run.cases, run.failures, uncovered);
    }

    /** The state of one run over several files. */
    private final class Run {
        private final SyslogClassifier classifier;
        private final List<String> failures = new ArrayList<>();
        private final Set<Entry> decided = new LinkedHashSet<>();
        private int cases;

        Run(SyslogClassifier classifier) {
            this.classifier = classifier;
        }

        void file(Path file) {
            YamlTree.Node root;
            try {
                root = YamlTree.load(file);
            } catch (ConfigException e) {
                e.problems().forEach(p -> failures.add(p.toString()));
                return;
            }
            if (!root.isMap() || root.get("tests") == null || !root.get("tests").isList()) {
                failures.add(root + ": a test file holds 'tests:' with a list of cases");
                return;
            }
            unknownKeys(root, FILE_KEYS, "a test file");
            for (YamlTree.Node testCase : root.get("tests").items()) {
                testCase(testCase);
            }
        }

        private void testCase(YamlTree.Node node) {
            if (!node.isMap()) {
                failures.add(node + ": a test case is a map with name, input and expect");
                return;
            }
            cases++;
            String name = node.text("name") != null ? node.text("name") : "line " + node.line();
            String where = node + ": case '" + name + "'";
            unknownKeys(node, CASE_KEYS, "a test case");
            String input = node.text("input");
            YamlTree.Node expect = node.get("expect");
            if (input == null || expect == null) {
                failures.add(where + ": needs 'input:' (a raw syslog frame) and 'expect:' (fields, or none)");
                return;
            }
            InetSocketAddress peer = peer(node.text("peer"));
            if (peer == null) {
                failures.add(where + ": peer '" + node.text("peer") + "' is not ip:port, e.g. 192.0.2.10:514");
                return;
            }
            SyslogEvent event = new SyslogEvent(parser.apply(input), input, peer, RECEIVED_AT);
            Alert actual = classifier.classify(event);
            Entry entry = classifier.matchedEntry(event);
            if ("none".equals(expect.text())) {
                if (actual != null) {
                    failures.add(where + ": expected no alert, got " + actual.status().wire() + " "
                            + actual.event() + " from " + entry.describe() + " (dedupKey '" + actual.dedupKey() + "')");
                }
                return;
            }
            if (!expect.isMap()) {
                failures.add(where + ": expect must be none or a map of alert fields (" + String.join(", ", EXPECT_KEYS)
                        + ")");
                return;
            }
            unknownKeys(expect, EXPECT_KEYS, "expect");
            if (actual == null) {
                failures.add(where + ": expected an alert, got none (no rule matched)");
                return;
            }
            decided.add(entry);
            for (Map.Entry<String, YamlTree.Node> field : expect.entries().entrySet()) {
                if (field.getKey().equals("labels")) {
                    compareLabels(where, field.getValue(), actual.labels());
                } else if (EXPECT_KEYS.contains(field.getKey())) {
                    compare(where, field.getKey(), field.getValue().text(), actualField(actual, field.getKey()));
                }
            }
        }

        private void compareLabels(String where, YamlTree.Node expected, Map<String, String> actual) {
            if (!expected.isMap()) {
                failures.add(where + ": labels: expected a map of label name to value");
                return;
            }
            expected.entries().forEach((label, value) -> compare(where, "labels." + label, value.text(),
                    actual.get(label)));
        }

        private void compare(String where, String field, String expected, String actual) {
            if (!Objects.equals(expected, actual)) {
                failures.add(where + ": " + field + ": expected " + quote(expected) + ", actual " + quote(actual));
            }
        }

        private void unknownKeys(YamlTree.Node map, List<String> known, String what) {
            for (String key : map.entries().keySet()) {
                if (!known.contains(key)) {
                    String hint = Suggestions.closest(key, known);
                    failures.add(map.file() + ":" + map.keyLine(key) + ": unknown key '" + key + "' in " + what
                            + "; known: " + String.join(", ", known)
                            + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
                }
            }
        }
    }

    private static String actualField(Alert a, String field) {
        Object value = switch (field) {
            case "status" -> a.status().wire();
            case "event" -> a.event();
            case "severity" -> a.severity().wire();
            case "sourceSeverity" -> a.sourceSeverity();
            case "layer" -> a.layer().wire();
            case "resource" -> a.resource();
            case "host" -> a.host();
            case "ip" -> a.ip();
            case "summary" -> a.summary();
            case "dedupKey" -> a.dedupKey();
            case "timeoutSeconds" -> a.timeoutSeconds();
            case "runbook" -> a.links().stream().filter(l -> "runbook".equals(l.text())).map(Link::href)
                    .findFirst().orElse(null);
            case "rule" -> a.details().get("syslog") instanceof Map<?, ?> syslog ? syslog.get("rule") : null;
            default -> throw new IllegalArgumentException(field);
        };
        return value == null ? null : value.toString();
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }

    /** {@code ip:port} with a literal address ({@code [v6]:port} for IPv6); null when it is not one. */
    static InetSocketAddress peer(String text) {
        if (text == null) {
            return DEFAULT_PEER;
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (!IP_LITERAL.matcher(host).matches() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(port));
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
