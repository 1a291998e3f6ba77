package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.config.Suggestions;
import io.mimamori.alert.Alert;
import io.mimamori.alert.Link;
import io.mimamori.alert.RawPayload;
import io.mimamori.alert.Severity;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.YamlTree;
import io.mimamori.connector.snmp.internal.trap.Trap;
import io.mimamori.connector.snmp.internal.trap.V1Conversion;
import io.mimamori.connector.snmp.internal.trap.Varbind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs trap definition test files ({@code *.test.yaml}): each case is a trap, as an agent would
 * send it, and the alert fields it must produce (or {@code expect: none}).
 *
 * <pre>
 * tests:
 *   - name: link down on port 7
 *     trap:
 *       version: v2c                      # v1, v2c (default) or v3
 *       agent: 192.0.2.20                 # default 192.0.2.20
 *       oid: linkDown                     # a name under objects, or a dotted OID
 *       varbinds: { ifIndex.7: 7, ifDescr.7: 'Gi0/7' }
 *     expect: { status: firing, event: link-down, dedupKey: 'link/192.0.2.20/7' }
 *   - name: the same as an SNMPv1 trap
 *     trap: { version: v1, enterprise: 1.3.6.1.4.1.9, generic: 2, varbinds: { ... } }
 *     expect: { ... }
 * </pre>
 *
 * A varbind's value is a number (Integer32), a text (OCTET STRING), or a map
 * {@code {type: octets|oid|ip|timeticks|unsigned|integer, value: ..., hex: '44 45'}}.
 */
public final class TrapDefinitionTests {

    /** The outcome of a run: failures ({@code file:line: case '...': field: expected .., actual ..}) and coverage. */
    public record Report(int cases, List<String> failures, List<String> uncovered) {
        public Report {
            failures = List.copyOf(failures);
            uncovered = List.copyOf(uncovered);
        }
    }

    private static final List<String> CASE_KEYS = List.of("name", "trap", "expect");
    static final List<String> TRAP_KEYS = List.of("version", "agent", "oid", "enterprise", "generic",
            "specific", "varbinds", "inform", "securityName", "uptime");
    private static final List<String> EXPECT_KEYS = List.of("status", "event", "severity", "sourceSeverity", "layer",
            "resource", "host", "summary", "dedupKey", "timeoutSeconds", "labels", "runbook", "definition", "unknown",
            "alerts");
    private static final Instant RECEIVED_AT = Instant.parse("2025-11-24T05:10:00Z");
    private static final String DEFAULT_AGENT = "192.0.2.20";
    /** sysUpTime.0 of a test trap that gives none, in hundredths of a second. */
    static final long DEFAULT_UPTIME = 12345;

    /** The {@code *.test.yaml} files directly in {@code dir}, in name order. */
    public static List<Path> testFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".test.yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list trap definition tests in " + dir, e);
        }
    }

    public Report run(Path definitionsDir, List<Path> testFiles) {
        TrapDefinitions defs;
        try {
            defs = TrapDefinitions.load(definitionsDir);
        } catch (ConfigException e) {
            return new Report(0, e.problems().stream().map(ConfigProblem::toString).toList(), List.of());
        }
        TrapClassifier classifier = new TrapClassifier(defs, Severity.WARNING, "snmp-trap-source", "definition-tests",
                RawPayload.DEFAULT_CAP);
        List<String> failures = new ArrayList<>();
        Set<String> decided = new LinkedHashSet<>();
        int cases = 0;
        for (Path file : testFiles) {
            YamlTree.Node root;
            try {
                root = YamlTree.load(file);
            } catch (ConfigException e) {
                e.problems().forEach(p -> failures.add(p.toString()));
                continue;
            }
            YamlTree.Node tests = root.get("tests");
            if (tests == null || !tests.isList()) {
                failures.add(root + ": a test file holds 'tests:' with a list of cases");
                continue;
            }
            for (YamlTree.Node c : tests.items()) {
                cases++;
                runCase(c, defs, classifier, failures, decided);
            }
        }
        List<String> uncovered = new ArrayList<>();
        for (Definition d : defs.all()) {
            if (!decided.contains("alert:" + d.name()) && !d.hold()) {
                uncovered.add(d.where() + ": trap '" + d.name() + "' has no test case that alerts");
            }
            if (!d.clears().isEmpty() && !decided.contains("clear:" + d.name())) {
                uncovered.add(d.where() + ": the clears of '" + d.name() + "' have no test case that resolves");
            }
        }
        return new Report(cases, failures, uncovered);
    }

    private void runCase(YamlTree.Node c, TrapDefinitions defs, TrapClassifier classifier, List<String> failures,
            Set<String> decided) {
        String where = c + ": case '" + (c.text("name") == null ? "line " + c.line() : c.text("name")) + "'";
        unknownKeys(c, CASE_KEYS, "a test case", failures);
        YamlTree.Node trapNode = c.get("trap");
        YamlTree.Node expect = c.get("expect");
        if (trapNode == null || !trapNode.isMap() || expect == null) {
            failures.add(where + ": needs 'trap:' (a map) and 'expect:' (alert fields, or none)");
            return;
        }
        unknownKeys(trapNode, TRAP_KEYS, "trap", failures);
        Trap trap;
        try {
            trap = trap(trapNode, defs);
        } catch (IllegalArgumentException e) {
            failures.add(where + ": " + e.getMessage());
            return;
        }
        TrapClassifier.Result r = classifier.classify(trap);
        if (r.outcome() == TrapClassifier.Outcome.CLEAR) {
            r.cleared().forEach(name -> decided.add("clear:" + name));
        } else if (r.definition() != null) {
            decided.add("alert:" + r.definition());
        }
        List<Alert> alerts = r.alerts();
        if ("none".equals(expect.text())) {
            if (!alerts.isEmpty()) {
                failures.add(where + ": expected no alert, got " + alerts.get(0).status().wire() + " "
                        + alerts.get(0).event() + " (dedupKey '" + alerts.get(0).dedupKey() + "')");
            }
            return;
        }
        if (!expect.isMap()) {
            failures.add(where + ": expect must be none or a map of alert fields");
            return;
        }
        unknownKeys(expect, EXPECT_KEYS, "expect", failures);
        if (alerts.isEmpty()) {
            failures.add(where + ": expected an alert, got none (" + r.outcome() + ")");
            return;
        }
        Alert a = alerts.get(0);
        for (Map.Entry<String, YamlTree.Node> f : expect.entries().entrySet()) {
            String key = f.getKey();
            if (key.equals("labels")) {
                f.getValue().entries().forEach((label, v) -> compare(where, "labels." + label, v.text(),
                        a.labels().get(label), failures));
            } else if (key.equals("unknown")) {
                compare(where, "unknown", f.getValue().text(),
                        Boolean.toString(r.outcome() == TrapClassifier.Outcome.UNKNOWN), failures);
            } else if (key.equals("alerts")) {
                compare(where, "alerts", f.getValue().text(), Integer.toString(alerts.size()), failures);
            } else if (EXPECT_KEYS.contains(key)) {
                compare(where, key, f.getValue().text(), field(a, key), failures);
            }
        }
    }

    static Trap trap(YamlTree.Node n, TrapDefinitions defs) {
        return trap(n, defs, DEFAULT_UPTIME);
    }

    /**
     * The trap a test case describes.
     *
     * @param uptime sysUpTime.0 when the case gives no {@code uptime}
     */
    static Trap trap(YamlTree.Node n, TrapDefinitions defs, long defaultUptime) {
        long uptime = defaultUptime;
        if (n.text("uptime") != null) {
            try {
                uptime = Long.parseLong(n.text("uptime"));
            } catch (NumberFormatException e) {
                uptime = -1;
            }
            if (uptime < 0 || uptime > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("uptime must be sysUpTime.0 in hundredths of a second (0 to "
                        + 0xFFFF_FFFFL + "), not '" + n.text("uptime") + "'");
            }
        }
        String version = Objects.requireNonNullElse(n.text("version"), "v2c");
        String agent = Objects.requireNonNullElse(n.text("agent"), DEFAULT_AGENT);
        List<Varbind> varbinds = new ArrayList<>();
        YamlTree.Node vbs = n.get("varbinds");
        if (vbs != null) {
            for (Map.Entry<String, YamlTree.Node> e : vbs.entries().entrySet()) {
                varbinds.add(varbind(resolveVarbindOid(e.getKey(), defs), e.getValue()));
            }
        }
        InetSocketAddress peer = new InetSocketAddress(agent, 49152);
        if (version.equals("v1")) {
            String enterprise = resolveOid(require(n, "enterprise"), defs);
            int generic = Integer.parseInt(require(n, "generic"));
            long specific = n.text("specific") == null ? 0 : Long.parseLong(n.text("specific"));
            return new Trap("v1", false, V1Conversion.trapOid(enterprise, generic, specific), uptime,
                    V1Conversion.varbinds(varbinds, agent, enterprise), agent, peer, null, RECEIVED_AT, null);
        }
        if (!version.equals("v2c") && !version.equals("v3")) {
            throw new IllegalArgumentException("version must be v1, v2c or v3, not '" + version + "'");
        }
        return new Trap(version, "true".equals(n.text("inform")), resolveOid(require(n, "oid"), defs), uptime, varbinds,
                agent, peer, version.equals("v3") ? Objects.requireNonNullElse(n.text("securityName"), "tester") : null,
                RECEIVED_AT, null);
    }

    private static String require(YamlTree.Node n, String key) {
        String v = n.text(key);
        if (v == null) {
            throw new IllegalArgumentException("trap needs '" + key + ":'");
        }
        return v;
    }

    private static String resolveOid(String text, TrapDefinitions defs) {
        if (DefinitionReader.OID.matcher(text).matches()) {
            return text;
        }
        MibObject o = defs.object(text);
        if (o == null) {
            throw new IllegalArgumentException("'" + text + "' is neither a dotted OID nor a name under objects");
        }
        return o.oid();
    }

    /** {@code name.instance} or a dotted OID. */
    private static String resolveVarbindOid(String key, TrapDefinitions defs) {
        if (DefinitionReader.OID.matcher(key).matches()) {
            return key;
        }
        int dot = key.indexOf('.');
        String name = dot < 0 ? key : key.substring(0, dot);
        MibObject o = defs.object(name);
        if (o == null) {
            throw new IllegalArgumentException("varbind '" + key + "': '" + name + "' is not a name under objects");
        }
        return dot < 0 ? o.oid() : o.oid() + key.substring(dot);
    }

    private static Varbind varbind(String oid, YamlTree.Node v) {
        if (v.isMap()) {
            String type = Objects.requireNonNullElse(v.text("type"), "octets");
            if (type.equals("octets") && v.text("hex") != null) {
                byte[] bytes = HexFormat.of().parseHex(v.text("hex").replaceAll("\\s+", ""));
                return new Varbind(oid, "octets", io.mimamori.connector.snmp.internal.trap.SnmpValues.octetText(bytes),
                        bytes);
            }
            String value = Objects.requireNonNullElse(v.text("value"), "");
            return type.equals("octets") ? octets(oid, value) : new Varbind(oid, type, value, null);
        }
        String text = Objects.requireNonNullElse(v.text(), "");
        if (text.matches("-?[0-9]{1,10}")) {
            return new Varbind(oid, "integer", text, null);
        }
        return octets(oid, text);
    }

    private static Varbind octets(String oid, String text) {
        return new Varbind(oid, "octets", text, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String field(Alert a, String key) {
        Object v = switch (key) {
            case "status" -> a.status().wire();
            case "event" -> a.event();
            case "severity" -> a.severity().wire();
            case "sourceSeverity" -> a.sourceSeverity();
            case "layer" -> a.layer().wire();
            case "resource" -> a.resource();
            case "host" -> a.host();
            case "summary" -> a.summary();
            case "dedupKey" -> a.dedupKey();
            case "timeoutSeconds" -> a.timeoutSeconds();
            case "runbook" -> a.links().stream().filter(l -> "runbook".equals(l.text())).map(Link::href)
                    .findFirst().orElse(null);
            case "definition" -> a.details().get("snmp") instanceof Map<?, ?> m ? m.get("definition") : null;
            default -> throw new IllegalArgumentException(key);
        };
        return v == null ? null : v.toString();
    }

    private static void compare(String where, String field, String expected, String actual, List<String> failures) {
        if (!Objects.equals(expected, actual)) {
            failures.add(where + ": " + field + ": expected " + quote(expected) + ", actual " + quote(actual));
        }
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }

    private static void unknownKeys(YamlTree.Node map, List<String> known, String what, List<String> failures) {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known);
                failures.add(map.file() + ":" + map.keyLine(key) + ": unknown key '" + key + "' in " + what + "; known: "
                        + String.join(", ", known) + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
            }
        }
    }
}
