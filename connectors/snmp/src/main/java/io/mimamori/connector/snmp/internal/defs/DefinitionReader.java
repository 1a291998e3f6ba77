package io.mimamori.connector.snmp.internal.defs;

import io.mimamori.config.Suggestions;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.Template;
import io.mimamori.config.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a directory of trap definition files. Objects are read from every file first (a file may
 * name objects another declares); then the traps. Every problem is collected with its file and
 * line, so an operator sees them all at once.
 */
final class DefinitionReader {

    static final List<String> BUILTIN_VARIABLES = List.of(
            "host", "ip", "peer", "trapOid", "trapName", "version", "securityName", "uptime", "enterprise");
    /** Variables that identify the agent and may stand in any dedupKey beside the matched objects. */
    static final Set<String> AGENT_VARIABLES = Set.of("host", "ip");

    private static final List<String> FILE_KEYS = List.of("objects", "traps");
    private static final List<String> OBJECT_KEYS = List.of("oid", "values");
    private static final List<String> TRAP_KEYS = List.of("name", "description", "oid", "oidPrefix", "when", "hold",
            "decode", "event", "severity", "layer", "summary", "resource", "dedupKey", "labels", "runbook", "timeoutSeconds",
            "resolvedWhen", "clears");
    private static final List<String> ALERT_KEYS = List.of("event", "severity", "layer", "summary", "resource",
            "dedupKey", "labels", "runbook", "timeoutSeconds", "resolvedWhen", "clears");
    private static final List<String> SEVERITY_KEYS = List.of("from", "map", "default");
    private static final List<String> CLEAR_KEYS = List.of("trap", "when", "match", "summary");
    private static final List<String> DECODERS = List.of(IpmiPet.NAME);

    static final Pattern OID = Pattern.compile("(0|[12])(\\.(0|[1-9][0-9]{0,9}))+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern EVENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    record Result(List<Definition> definitions, Map<String, MibObject> objects, List<ConfigProblem> problems) {
    }

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, MibObject> objects = new LinkedHashMap<>();
    private final Map<String, String> objectNamesByOid = new HashMap<>();
    private final List<Definition> definitions = new ArrayList<>();
    private final Map<String, String> nameLocations = new HashMap<>();
    private final Map<String, String> selectorLocations = new HashMap<>();

    private DefinitionReader() {
    }

    static Result read(Path dir) {
        DefinitionReader r = new DefinitionReader();
        List<YamlTree.Node> roots = r.loadDirectory(dir);
        for (YamlTree.Node root : roots) {
            r.readObjects(root.get("objects"));
        }
        for (YamlTree.Node root : roots) {
            r.readTraps(root.get("traps"), root);
        }
        r.crossCheck();
        List<ConfigProblem> sorted = new ArrayList<>(r.problems);
        sorted.sort(Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line));
        return new Result(List.copyOf(r.definitions), Map.copyOf(r.objects), List.copyOf(sorted));
    }

    private List<YamlTree.Node> loadDirectory(Path dir) {
        List<YamlTree.Node> roots = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            problems.add(new ConfigProblem(dir.toString(), 0, Files.exists(dir)
                    ? "not a directory: point definitionsDir at the directory holding the *.yaml trap definitions"
                    : "trap definitions directory does not exist: create it or correct definitionsDir"));
            return roots;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(dir.toString(), 0, "cannot list the definitions directory: " + e.getMessage()));
            return roots;
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yml")) {
                problems.add(new ConfigProblem(file.toString(), 0, "not loaded: definition files must end in .yaml; rename it"));
                continue;
            }
            if (!name.endsWith(".yaml")) {
                continue;
            }
            try {
                YamlTree.Node root = YamlTree.load(file);
                if (root.isEmpty()) {
                    continue;
                }
                if (!root.isMap()) {
                    add(root, "expected a map with 'objects:' and 'traps:'");
                    continue;
                }
                checkKeys(root, FILE_KEYS, "a trap definition file");
                roots.add(root);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        if (files.stream().noneMatch(f -> f.getFileName().toString().endsWith(".yaml")) && problems.isEmpty()) {
            problems.add(new ConfigProblem(dir.toString(), 0,
                    "no *.yaml trap definitions here: add one (a file with 'traps: []' makes every trap unknown)"));
        }
        return roots;
    }

    private void readObjects(YamlTree.Node node) {
        if (node == null || node.isEmpty()) {
            return;
        }
        if (!node.isMap()) {
            add(node, "'objects' must map MIB names to OIDs, e.g. 'ifIndex: 1.3.6.1.2.1.2.2.1.1'");
            return;
        }
        for (Map.Entry<String, YamlTree.Node> e : node.entries().entrySet()) {
            String name = e.getKey();
            YamlTree.Node value = e.getValue();
            int line = node.keyLine(name);
            if (!NAME.matcher(name).matches()) {
                problems.add(new ConfigProblem(node.file(), line, "invalid MIB name '" + name
                        + "': use letters, digits, '-' and '_', starting with a letter"));
                continue;
            }
            if (BUILTIN_VARIABLES.contains(name)) {
                problems.add(new ConfigProblem(node.file(), line, "'" + name + "' is a built-in variable ("
                        + String.join(", ", BUILTIN_VARIABLES) + "); give the object another name"));
                continue;
            }
            String oid;
            Map<String, String> values = new LinkedHashMap<>();
            if (value.isScalar()) {
                oid = value.text();
            } else if (value.isMap()) {
                checkKeys(value, OBJECT_KEYS, "object " + name);
                oid = value.text("oid");
                YamlTree.Node v = value.get("values");
                if (v != null) {
                    if (!v.isMap()) {
                        add(v, "values of " + name + " must map raw values to names, e.g. { 1: up, 2: down }");
                    } else {
                        v.entries().forEach((raw, n) -> values.put(raw, n.text() == null ? "" : n.text()));
                    }
                }
            } else {
                add(value, "object " + name + " must be an OID or a map with oid and values");
                continue;
            }
            if (oid == null || !OID.matcher(oid).matches()) {
                problems.add(new ConfigProblem(node.file(), line, "object " + name + ": '" + oid
                        + "' is not a dotted OID such as 1.3.6.1.2.1.2.2.1.1"));
                continue;
            }
            String where = node.file() + ":" + line;
            MibObject earlier = objects.get(name);
            if (earlier != null) {
                if (!earlier.oid().equals(oid) || !earlier.values().equals(values) && !values.isEmpty()) {
                    problems.add(new ConfigProblem(node.file(), line, "object " + name + " is already declared as "
                            + earlier.oid() + " at " + earlier.where() + "; one name, one object"));
                }
                continue;
            }
            objects.put(name, new MibObject(name, oid, values, where));
            objectNamesByOid.putIfAbsent(oid, name);
        }
    }

    private void readTraps(YamlTree.Node list, YamlTree.Node root) {
        if (list == null) {
            if (root.get("objects") == null) {
                add(root, "no 'traps:' key: put the trap definitions in a list under 'traps:'");
            }
            return;
        }
        if (list.isEmpty()) {
            return;
        }
        if (!list.isList()) {
            add(list, "'traps' must be a list: start each definition with '- name: ...'");
            return;
        }
        for (YamlTree.Node item : list.items()) {
            readTrap(item);
        }
    }

    private void readTrap(YamlTree.Node node) {
        if (!node.isMap()) {
            add(node, "a trap definition must be a map with name, oid and the alert it makes");
            return;
        }
        int before = problems.size();
        checkKeys(node, TRAP_KEYS, "a trap definition");
        String name = node.text("name");
        if (name == null || !NAME.matcher(name).matches()) {
            add(node, name == null ? "trap definition without name: add 'name: theMibName' (the NOTIFICATION-TYPE's name)"
                    : "invalid trap name '" + name + "': use letters, digits, '-' and '_', starting with a letter");
            name = name == null ? "line-" + node.line() : name;
        } else {
            String earlier = nameLocations.putIfAbsent(name, node.file() + ":" + node.line());
            if (earlier != null) {
                add(node, "duplicate trap name '" + name + "': already defined at " + earlier);
            }
        }
        String oid = node.text("oid");
        String prefix = node.text("oidPrefix");
        if ((oid == null) == (prefix == null)) {
            add(node, "trap '" + name + "' needs exactly one of 'oid:' (one trap) or 'oidPrefix:' (every trap under it)");
        }
        String selector = oid != null ? oid : prefix;
        String selectorKey = null;
        if (selector != null) {
            String resolved = resolveOid(selector);
            if (resolved == null) {
                add(node.get(oid != null ? "oid" : "oidPrefix"), "trap '" + name + "': '" + selector
                        + "' is neither a dotted OID nor a name under 'objects'");
            } else {
                selectorKey = (oid != null ? "=" : "*") + resolved;
                if (oid != null) {
                    oid = resolved;
                } else {
                    prefix = resolved;
                }
            }
        }
        boolean hold = "true".equals(node.text("hold"));
        if (node.get("hold") != null && !hold && !"false".equals(node.text("hold"))) {
            add(node.get("hold"), "hold must be true or false");
        }
        String decode = node.text("decode");
        if (decode != null && !DECODERS.contains(decode)) {
            add(node.get("decode"), "unknown decoder '" + decode + "'; known: " + String.join(", ", DECODERS));
        }
        Set<String> known = knownVariables(decode);
        Map<String, Set<String>> when = readConditions(node.get("when"), "when", known);
        if (selectorKey != null && when.isEmpty()) {
            String earlier = selectorLocations.putIfAbsent(selectorKey, node.file() + ":" + node.line());
            if (earlier != null) {
                add(node, "trap '" + name + "': " + (oid != null ? "OID " : "prefix ") + selectorKey.substring(1)
                        + " is already defined at " + earlier + "; keep one definition per OID, or give all but one"
                        + " of them a 'when:' saying which of its traps each takes");
            }
        }
        if (hold) {
            for (String k : ALERT_KEYS) {
                if (node.get(k) != null) {
                    problems.add(new ConfigProblem(node.file(), node.keyLine(k), "trap '" + name
                            + "' is held back (hold: true), so it makes no alert: remove '" + k + "'"));
                }
            }
            if (problems.size() == before) {
                definitions.add(new Definition(name, oid, prefix, true, decode, when, name, null, Layer.UNKNOWN, null, null,
                        null, Map.of(), null, null, Map.of(), List.of(), node.file() + ":" + node.line()));
            }
            return;
        }
        String event = node.text("event") != null ? node.text("event") : name;
        if (!EVENT.matcher(event).matches()) {
            add(node.get("event") != null ? node.get("event") : node, "invalid event '" + event
                    + "': use letters, digits, '.', '_', ':' and '-'");
        }
        Layer layer = null;
        if (node.get("layer") == null) {
            add(node, "trap '" + name + "': layer is missing: set where the fault sits, one of "
                    + "hardware, network, os, middleware, application, cloud, unknown");
        } else {
            try {
                layer = Layer.parse(node.text("layer"));
            } catch (IllegalArgumentException e) {
                add(node.get("layer"), "layer: " + e.getMessage());
            }
        }
        SeverityRule severity = readSeverity(node, name, known);
        Template summary = template(node, "summary", "${trapName} from ${host}", known);
        Template resource = template(node, "resource", "${host}", known);
        Template dedupKey = template(node, "dedupKey", event + "/${host}", known);
        Map<String, Template> labels = readLabels(node.get("labels"), known);
        Template runbook = node.get("runbook") == null ? null : template(node, "runbook", null, known);
        Integer timeout = readTimeout(node.get("timeoutSeconds"));
        Map<String, Set<String>> resolvedWhen = readConditions(node.get("resolvedWhen"), "resolvedWhen", known);
        List<Definition.Clear> clears = readClears(node, name, dedupKey, known);
        if (problems.size() == before) {
            definitions.add(new Definition(name, oid, prefix, false, decode, when, event, severity, layer, summary, resource,
                    dedupKey, labels, runbook, timeout, resolvedWhen, clears, node.file() + ":" + node.line()));
        }
    }

    /** A dotted OID as it is, or the OID of a declared name; null when it is neither. */
    private String resolveOid(String text) {
        if (OID.matcher(text).matches()) {
            return text;
        }
        MibObject o = objects.get(text);
        return o == null ? null : o.oid();
    }

    private Set<String> knownVariables(String decode) {
        Set<String> known = new LinkedHashSet<>(BUILTIN_VARIABLES);
        for (String name : objects.keySet()) {
            known.add(name);
            known.add(name + ".index");
        }
        if (IpmiPet.NAME.equals(decode)) {
            known.addAll(IpmiPet.VARIABLES);
        }
        return known;
    }

    private SeverityRule readSeverity(YamlTree.Node trap, String name, Set<String> known) {
        YamlTree.Node node = trap.get("severity");
        if (node == null) {
            add(trap, "trap '" + name + "': severity is missing: give one of critical, major, minor, warning, info, "
                    + "or { from: variable, map: { value: severity }, default: severity }");
            return null;
        }
        if (node.isScalar()) {
            try {
                return SeverityRule.fixed(Severity.parse(node.text()));
            } catch (IllegalArgumentException e) {
                add(node, "severity: " + e.getMessage());
                return null;
            }
        }
        if (!node.isMap()) {
            add(node, "severity must be a severity or { from, map, default }");
            return null;
        }
        checkKeys(node, SEVERITY_KEYS, "severity");
        String from = node.text("from");
        if (from == null || !known.contains(from)) {
            add(node, from == null ? "severity needs 'from:' naming the variable whose value decides it"
                    : unknownVariable(from, "severity.from", known));
        }
        Map<String, Severity> map = new LinkedHashMap<>();
        YamlTree.Node m = node.get("map");
        if (m == null || !m.isMap() || m.entries().isEmpty()) {
            add(m != null ? m : node, "severity.map must map values of " + from + " to severities");
        } else {
            for (Map.Entry<String, YamlTree.Node> e : m.entries().entrySet()) {
                try {
                    map.put(e.getKey(), Severity.parse(e.getValue().text()));
                } catch (IllegalArgumentException ex) {
                    problems.add(new ConfigProblem(m.file(), m.keyLine(e.getKey()), "severity.map." + e.getKey() + ": "
                            + ex.getMessage()));
                }
            }
        }
        Severity fallback = null;
        if (node.get("default") == null) {
            add(node, "severity needs 'default:' for values the map does not list");
        } else {
            try {
                fallback = Severity.parse(node.text("default"));
            } catch (IllegalArgumentException e) {
                add(node.get("default"), "severity.default: " + e.getMessage());
            }
        }
        return new SeverityRule(null, from, map, fallback);
    }

    private Template template(YamlTree.Node parent, String key, String fallback, Set<String> known) {
        YamlTree.Node node = parent.get(key);
        String text = node == null ? fallback : node.text();
        if (node != null && !node.isScalar()) {
            add(node, key + " must be a single text");
            return null;
        }
        if (text == null) {
            add(node != null ? node : parent, key + " is empty: give a text or remove the key");
            return null;
        }
        Template t;
        try {
            t = Template.compile(text);
        } catch (IllegalArgumentException e) {
            add(node, key + ": " + e.getMessage());
            return null;
        }
        for (String v : t.variables()) {
            if (!known.contains(v)) {
                add(node != null ? node : parent, unknownVariable(v, key, known));
            }
        }
        return t;
    }

    private Map<String, Template> readLabels(YamlTree.Node node, Set<String> known) {
        Map<String, Template> labels = new LinkedHashMap<>();
        if (node == null) {
            return labels;
        }
        if (!node.isMap()) {
            add(node, "labels must map label names to value templates");
            return labels;
        }
        for (String label : node.entries().keySet()) {
            if (!LABEL_NAME.matcher(label).matches()) {
                problems.add(new ConfigProblem(node.file(), node.keyLine(label), "invalid label name '" + label + "'"));
                continue;
            }
            Template t = template(node, label, null, known);
            if (t != null) {
                labels.put(label, t);
            }
        }
        return labels;
    }

    private Integer readTimeout(YamlTree.Node node) {
        if (node == null) {
            return null;
        }
        try {
            int s = Integer.parseInt(node.text().trim());
            if (s > 0) {
                return s;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        add(node, "timeoutSeconds must be a whole number of seconds above 0, not '" + node.text() + "'");
        return null;
    }

    /** {@code resolvedWhen:} and {@code when:}: variables to the value or list of values each may have. */
    private Map<String, Set<String>> readConditions(YamlTree.Node node, String field, Set<String> known) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isMap() || node.entries().isEmpty()) {
            add(node, field.equals("resolvedWhen")
                    ? "resolvedWhen must map variables to the value(s) that mean the condition is over,"
                            + " e.g. { cpqHeTemperatureCondition: ok }"
                    : field + " must map variables to the value(s) they must have, e.g. { alertMessageID: [FAN0005] }");
            return out;
        }
        for (Map.Entry<String, YamlTree.Node> e : node.entries().entrySet()) {
            if (!known.contains(e.getKey())) {
                problems.add(new ConfigProblem(node.file(), node.keyLine(e.getKey()),
                        unknownVariable(e.getKey(), field, known)));
                continue;
            }
            Set<String> values = new LinkedHashSet<>();
            for (YamlTree.Node v : e.getValue().items()) {
                values.add(v.text());
            }
            out.put(e.getKey(), values);
        }
        return out;
    }

    private List<Definition.Clear> readClears(YamlTree.Node trap, String name, Template dedupKey, Set<String> known) {
        YamlTree.Node node = trap.get("clears");
        List<Definition.Clear> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!node.isList()) {
            add(node, "clears must be a list of '- trap: NAME-OR-OID' items with 'match:'");
            return out;
        }
        int index = 0;
        for (YamlTree.Node item : node.items()) {
            index++;
            String label = "clear #" + index + " of '" + name + "'";
            if (!item.isMap()) {
                add(item, label + " must be a map with trap, match and optionally summary");
                continue;
            }
            checkKeys(item, CLEAR_KEYS, label);
            String trapText = item.text("trap");
            String oid = trapText == null ? null : resolveOid(trapText);
            if (oid == null) {
                add(item, trapText == null ? label + " needs 'trap:' naming the clearing trap (a name under objects, or its OID)"
                        : label + ": '" + trapText + "' is neither a dotted OID nor a name under 'objects'");
            }
            List<String> match = new ArrayList<>();
            YamlTree.Node m = item.get("match");
            if (m != null) {
                for (YamlTree.Node v : m.items()) {
                    String object = v.text();
                    if (!objects.containsKey(object)) {
                        add(v, label + ": match '" + object + "' is not a name under 'objects'"
                                + hint(object, objects.keySet()));
                    } else {
                        match.add(object);
                    }
                }
            }
            if (dedupKey != null) {
                Set<String> covered = new LinkedHashSet<>(AGENT_VARIABLES);
                for (String o : match) {
                    covered.add(o);
                    covered.add(o + ".index");
                }
                for (String v : dedupKey.variables()) {
                    if (!covered.contains(v)) {
                        add(item, label + " cannot compute the dedupKey '" + dedupKey + "': ${" + v
                                + "} is neither the agent (host, ip) nor in match; add it to match or leave it out of dedupKey");
                    }
                }
                for (String o : match) {
                    if (!dedupKey.variables().contains(o) && !dedupKey.variables().contains(o + ".index")) {
                        add(item, label + ": match '" + o + "' is not part of the dedupKey '" + dedupKey
                                + "', so it would not decide which condition clears; add ${" + o + "} to dedupKey");
                    }
                }
            }
            Template summary = template(item, "summary", "${trapName} from ${host}: " + name + " is over", known);
            // a clearing trap is not decoded: its condition may name objects and built-ins only
            Map<String, Set<String>> when = readConditions(item.get("when"), label + ": when", knownVariables(null));
            if (oid != null) {
                out.add(new Definition.Clear(oid, match, summary, when));
            }
        }
        return out;
    }

    private void crossCheck() {
        Map<String, Definition> byOid = new HashMap<>();
        List<Definition> prefixes = new ArrayList<>();
        for (Definition d : definitions) {
            if (d.oid() != null) {
                byOid.putIfAbsent(d.oid(), d);
            } else {
                prefixes.add(d);
            }
        }
        Set<String> reported = new LinkedHashSet<>();
        for (Definition d : definitions) {
            String[] at = d.where().split(":(?=\\d+$)");
            for (Definition.Clear c : d.clears()) {
                Definition other = byOid.get(c.trapOid());
                if (c.when().isEmpty() && other != null) {
                    problems.add(new ConfigProblem(at[0], Integer.parseInt(at[1]), "trap '" + d.name() + "' is cleared by "
                            + c.trapOid() + ", which has its own definition '" + other.name() + "' at " + other.where()
                            + "; a trap either clears or alerts: remove one of them, or give the clear a 'when:'"
                            + " saying which of its traps clear"));
                }
                boolean covered = other != null
                        || prefixes.stream().anyMatch(p -> c.trapOid().startsWith(p.oidPrefix() + ".") && p.when().isEmpty());
                if (!c.when().isEmpty() && !covered && reported.add(c.trapOid())) {
                    problems.add(new ConfigProblem(at[0], Integer.parseInt(at[1]), "trap '" + d.name() + "' is cleared by "
                            + c.trapOid() + " only 'when:' " + c.when() + ", and no definition takes the other traps of"
                            + " that OID: add a definition for " + c.trapOid() + " so that they still alert"));
                }
            }
        }
    }

    private static String unknownVariable(String v, String field, Set<String> known) {
        return "unknown variable ${" + v + "} in " + field + "; known: the built-ins "
                + String.join(", ", BUILTIN_VARIABLES) + ", every name under 'objects' (and NAME.index)"
                + hint(v, known);
    }

    private static String hint(String word, java.util.Collection<String> known) {
        String h = Suggestions.closest(word, known);
        return h == null ? "" : " (did you mean '" + h + "'?)";
    }

    private void checkKeys(YamlTree.Node map, List<String> keys, String where) {
        for (String key : map.entries().keySet()) {
            if (!keys.contains(key)) {
                problems.add(new ConfigProblem(map.file(), map.keyLine(key), "unknown key '" + key + "' in " + where
                        + "; known: " + String.join(", ", keys) + hint(key, keys)));
            }
        }
    }

    private void add(YamlTree.Node at, String message) {
        problems.add(new ConfigProblem(at.file(), at.line(), message));
    }
}
