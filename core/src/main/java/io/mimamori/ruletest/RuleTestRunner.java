package io.mimamori.ruletest;

import io.mimamori.alert.Alert;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.YamlTree;
import io.mimamori.lifecycle.LifecycleSettings;
import io.mimamori.spi.RuleTestDecoder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Runs rule test files ({@code *.test.yaml}) in the spirit of {@code promtool test rules}.
 *
 * <p>A case either gives one input (under a decoder's key: {@code input} for a syslog line,
 * {@code trap} for an SNMP trap) and the fields of the alert it must make, or {@code expect: none};
 * or it gives {@code steps:} — inputs at time offsets ({@code at: 90s}), or just {@code at:} to let
 * time pass — and the list of notifications the alert lifecycle must send, in order. Listed fields
 * must be equal; fields not listed are not checked, and of {@code labels} only the listed ones are.
 *
 * <pre>
 * lifecycle: { flapChanges: 5, flapWindow: 15m, flapStableFor: 10m }   # optional, hub defaults otherwise
 * tests:
 *   - name: a disk error repeated, then auto-resolved
 *     steps:
 *       - { at: 0s, input: '&lt;3&gt;Nov 24 05:10:00 fs1 kernel: I/O error, dev sdb, sector 1' }
 *       - { at: 1m, input: '&lt;3&gt;Nov 24 05:11:00 fs1 kernel: I/O error, dev sdb, sector 2' }
 *       - at: 2h
 *     expect:
 *       - { at: 0s, status: firing, event: disk-io-error, occurrences: 1 }
 *       - { at: 1h1m, status: resolved, occurrences: 2 }
 * </pre>
 *
 * The rules are read from {@code --rules DIR}, or else from the test file's parent's parent
 * ({@code rules/syslog/} for {@code rules/syslog/tests/x.test.yaml}).
 */
public final class RuleTestRunner {
    /** When single-input cases are received and step cases start (the shipped cases' lines are from then). */
    public static final Instant START = Instant.parse("2025-11-24T05:10:00Z");

    private static final List<String> FILE_KEYS = List.of("tests", "lifecycle");
    private static final List<String> LIFECYCLE_KEYS = List.of("renotifyEvery", "earlyClearGrace", "flapChanges",
            "flapWindow", "flapStableFor");

    private final Map<String, RuleTestDecoder> decoders = new LinkedHashMap<>();
    private final Path rulesDir;
    /** Rules loaded so far, by decoder key and directory: loaded once per run. */
    private final Map<String, RuleTestDecoder.Rules> loaded = new HashMap<>();

    /**
     * @param decoders the decoders of the connectors whose inputs cases may give
     * @param rulesDir the rules to test against, or null for each test file's parent's parent
     */
    public RuleTestRunner(Collection<RuleTestDecoder> decoders, Path rulesDir) {
        decoders.forEach(d -> this.decoders.putIfAbsent(d.inputKey(), d));
        this.rulesDir = rulesDir;
    }

    /** A runner with the decoders of the connector modules on the class path. */
    public static RuleTestRunner withInstalledDecoders(Path rulesDir) {
        List<RuleTestDecoder> found = new ArrayList<>();
        ServiceLoader.load(RuleTestDecoder.class).forEach(found::add);
        return new RuleTestRunner(found, rulesDir);
    }

    /** The input keys cases may use, e.g. {@code input, trap}. */
    private List<String> inputKeys() {
        return List.copyOf(decoders.keySet());
    }

    /** Runs every case of {@code testFile}. */
    public FileResult run(Path testFile) {
        return new FileRun(testFile).run();
    }

    /** The rules a test file is checked against by default: its parent's parent. */
    static Path defaultRulesDir(Path testFile) {
        Path parent = testFile.toAbsolutePath().normalize().getParent();
        return parent == null || parent.getParent() == null ? null : parent.getParent();
    }

    /** One test file's run. */
    private final class FileRun {
        private final Path file;
        private final List<String> failures = new ArrayList<>();
        private final Checks checks = new Checks(failures);
        private StepCase stepCase;
        private int cases;

        FileRun(Path file) {
            this.file = file;
        }

        FileResult run() {
            try {
                YamlTree.Node root = YamlTree.load(file);
                YamlTree.Node tests = root.get("tests");
                if (tests == null || !tests.isList()) {
                    throw new ConfigException(root.problem("a test file holds 'tests:' with a list of cases"));
                }
                rejectUnknownKeys(root, FILE_KEYS, "a test file");
                stepCase = new StepCase(settings(root.get("lifecycle")), START);
                tests.items().forEach(this::testCase);
            } catch (ConfigException e) {
                return new FileResult(file, cases, failures, e.problems().stream().map(ConfigProblem::toString).toList());
            }
            return new FileResult(file, cases, failures, List.of());
        }

        private void testCase(YamlTree.Node node) {
            if (!node.isMap()) {
                checks.fail(node + ": a test case is a map: name, an input (" + String.join(", ", decoders.keySet())
                        + ") or steps, and expect");
                return;
            }
            cases++;
            String where = node + ": case '" + (node.text("name") != null ? node.text("name") : "line " + node.line()) + "'";
            if (node.get("steps") != null) {
                stepsCase(node, where);
            } else {
                singleCase(node, where);
            }
        }

        // --- one input, one alert ---

        private void singleCase(YamlTree.Node node, String where) {
            RuleTestDecoder decoder = decoderOf(node);
            YamlTree.Node expect = node.get("expect");
            if (decoder == null || expect == null) {
                checks.fail(where + ": needs an input (" + String.join(", ", inputKeys()) + ") or 'steps:',"
                        + " and 'expect:' (alert fields, or none)");
                return;
            }
            checks.unknownKeys(node, concat(List.of("name", decoder.inputKey()), decoder.inputOptions(),
                    List.of("expect")), "a test case");
            RuleTestDecoder.Decoded decoded;
            try {
                decoded = rules(decoder).decode(node, START);
            } catch (IllegalArgumentException e) {
                checks.fail(where + ": " + e.getMessage());
                return;
            }
            List<Alert> alerts = decoded.alerts();
            if ("none".equals(expect.text())) {
                if (!alerts.isEmpty()) {
                    Alert a = alerts.get(0);
                    checks.fail(where + ": expected no alert, got " + a.status().wire() + " " + a.event()
                            + " from " + decoded.decidedBy() + " (dedupKey '" + a.dedupKey() + "')");
                }
                return;
            }
            List<String> known = concat(AlertFields.RULE_FIELDS, decoder.fields(), List.of("alerts"));
            if (!expect.isMap()) {
                checks.fail(where + ": expect must be none or a map of alert fields (" + String.join(", ", known) + ")");
                return;
            }
            checks.unknownKeys(expect, known, "expect");
            if (alerts.isEmpty()) {
                checks.fail(where + ": expected an alert, got none (" + decoded.decidedBy() + ")");
                return;
            }
            Alert a = alerts.get(0);
            expect.entries().forEach((field, value) -> {
                if (field.equals("labels")) {
                    checks.compareLabels(where, value, a.labels());
                } else if (field.equals("alerts")) {
                    checks.compare(where, field, value.text(), Integer.toString(alerts.size()));
                } else if (decoder.fields().contains(field)) {
                    checks.compare(where, field, value.text(), decoded.fields().get(field));
                } else if (AlertFields.RULE_FIELDS.contains(field)) {
                    checks.compare(where, field, value.text(), AlertFields.value(a, field));
                }
            });
        }

        // --- time steps through the lifecycle ---

        private void stepsCase(YamlTree.Node node, String where) {
            checks.unknownKeys(node, List.of("name", "steps", "expect"), "a case with steps");
            List<StepCase.Step> steps = steps(node.get("steps"), where);
            List<YamlTree.Node> expected = expectedNotifications(node.get("expect"), where);
            if (steps == null || expected == null) {
                return;
            }
            List<StepCase.Notification> actual;
            try {
                actual = stepCase.play(steps);
            } catch (IllegalArgumentException e) {
                checks.fail(where + ": " + e.getMessage());
                return;
            }
            String diff = StepCase.diff(where, expected, actual);
            if (diff != null) {
                checks.fail(diff);
            }
        }

        /** The steps, checked; null (with failures added) when they cannot be run. */
        private List<StepCase.Step> steps(YamlTree.Node list, String where) {
            if (!list.isList() || list.items().isEmpty()) {
                checks.fail(where + ": steps: expected a list of steps like { at: 90s, "
                        + String.join(", ", inputKeys()) + ": ... } or { at: 10m }");
                return null;
            }
            List<StepCase.Step> steps = new ArrayList<>();
            long previous = 0;
            for (YamlTree.Node step : list.items()) {
                String stepWhere = where + ": step at line " + step.line();
                if (!step.isMap() || step.text("at") == null) {
                    checks.fail(stepWhere + ": a step needs 'at:' (an offset like 0s, 90s, 10m) and at most one input");
                    return null;
                }
                long at;
                try {
                    at = Offsets.parse(step.text("at"));
                } catch (IllegalArgumentException e) {
                    checks.fail(stepWhere + ": at: " + e.getMessage());
                    return null;
                }
                if (at < previous) {
                    checks.fail(stepWhere + ": at: " + step.text("at") + " is before the previous step ("
                            + Offsets.format(previous) + "); list steps in time order");
                    return null;
                }
                previous = at;
                RuleTestDecoder decoder = decoderOf(step);
                List<String> known = decoder == null ? concat(List.of("at"), inputKeys())
                        : concat(List.of("at", decoder.inputKey()), decoder.inputOptions());
                int before = failures.size();
                checks.unknownKeys(step, known, "a step");
                if (failures.size() > before) {
                    return null;
                }
                steps.add(new StepCase.Step(step, at, decoder == null ? null : rules(decoder)));
            }
            return steps;
        }

        /** The expected notifications, checked; null (with failures added) when they are not usable. */
        private List<YamlTree.Node> expectedNotifications(YamlTree.Node expect, String where) {
            if (expect == null || !(expect.isList() || "none".equals(expect.text()))) {
                checks.fail(where + ": expect: expected the list of notifications the lifecycle sends, in order,"
                        + " e.g. - { at: 0s, status: firing, occurrences: 1 } (none or [] for no notification)");
                return null;
            }
            List<YamlTree.Node> items = expect.isList() ? expect.items() : List.of();
            int before = failures.size();
            for (YamlTree.Node item : items) {
                if (!item.isMap()) {
                    checks.fail(item + ": an expected notification is a map of fields ("
                            + String.join(", ", AlertFields.NOTIFICATION_FIELDS) + ")");
                    continue;
                }
                checks.unknownKeys(item, AlertFields.NOTIFICATION_FIELDS, "an expected notification");
                if (item.text("at") != null) {
                    try {
                        Offsets.parse(item.text("at"));
                    } catch (IllegalArgumentException e) {
                        checks.fail(item.file() + ":" + item.keyLine("at") + ": at: " + e.getMessage());
                    }
                }
            }
            return failures.size() > before ? null : items;
        }

        // --- helpers ---

        /** The decoder whose input key the case or step holds, or null. */
        private RuleTestDecoder decoderOf(YamlTree.Node node) {
            return node.entries().keySet().stream().map(decoders::get).filter(d -> d != null).findFirst().orElse(null);
        }

        private RuleTestDecoder.Rules rules(RuleTestDecoder decoder) {
            Path dir = rulesDir != null ? rulesDir : defaultRulesDir(file);
            if (dir == null) {
                throw new ConfigException(new ConfigProblem(file.toString(), 0,
                        "no rules directory: give --rules DIR or keep the file in rules/<kind>/tests/"));
            }
            String key = decoder.inputKey() + '\u0000' + dir.toAbsolutePath().normalize();
            RuleTestDecoder.Rules rules = loaded.get(key);
            if (rules == null) {
                try {
                    rules = decoder.load(dir);
                } catch (ConfigException e) {
                    List<ConfigProblem> problems = new ArrayList<>();
                    problems.add(new ConfigProblem(file.toString(), 0, "the rules in " + dir + " for its '"
                            + decoder.inputKey() + ":' cases cannot be loaded (wrong directory? give --rules DIR):"));
                    problems.addAll(e.problems());
                    throw new ConfigException(problems);
                }
                loaded.put(key, rules);
            }
            return rules;
        }

        private LifecycleSettings settings(YamlTree.Node node) {
            LifecycleSettings d = LifecycleSettings.defaults();
            if (node == null) {
                return d;
            }
            if (!node.isMap()) {
                throw new ConfigException(node.problem("lifecycle: expected a map of " + String.join(", ", LIFECYCLE_KEYS)));
            }
            rejectUnknownKeys(node, LIFECYCLE_KEYS, "lifecycle");
            String changes = node.text("flapChanges");
            if (changes != null && !changes.matches("[0-9]{1,4}")) {
                throw new ConfigException(new ConfigProblem(file.toString(), node.keyLine("flapChanges"),
                        "lifecycle: flapChanges: '" + changes + "' is not a number of state changes (0 turns flap detection off)"));
            }
            try {
                return new LifecycleSettings(duration(node, "renotifyEvery", d.renotifyEvery()), Map.of(),
                        duration(node, "earlyClearGrace", d.earlyClearGrace()),
                        changes == null ? d.flapChanges() : Integer.parseInt(changes),
                        duration(node, "flapWindow", d.flapWindow()), duration(node, "flapStableFor", d.flapStableFor()),
                        Map.of(), d.cachedConditions());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(node.problem("lifecycle: " + e.getMessage()));
            }
        }

        private void rejectUnknownKeys(YamlTree.Node map, List<String> known, String what) {
            List<ConfigProblem> unknown = map.entries().keySet().stream().filter(k -> !known.contains(k))
                    .map(k -> new ConfigProblem(file.toString(), map.keyLine(k), Checks.unknownKey(k, known, what)))
                    .toList();
            if (!unknown.isEmpty()) {
                throw new ConfigException(unknown);
            }
        }

        private Duration duration(YamlTree.Node node, String key, Duration otherwise) {
            String text = node.text(key);
            if (text == null) {
                return otherwise;
            }
            try {
                return Duration.ofMillis(Offsets.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(new ConfigProblem(file.toString(), node.keyLine(key),
                        "lifecycle: " + key + ": " + e.getMessage()));
            }
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return Stream.of(lists).flatMap(List::stream).toList();
    }
}
