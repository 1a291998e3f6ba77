package io.mimamori.connector.syslog.internal.rules;

import io.mimamori.config.Suggestions;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.Problems;
import io.mimamori.config.Template;
import io.mimamori.config.YamlTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads a directory of rule files into evaluation-ordered entries. Every problem is collected
 * with its file and line; reading goes on after one, so an operator sees them all at once, in
 * file and line order.
 */
final class RuleFileReader {

    static final List<String> BUILTIN_VARIABLES = List.of(
            "host", "ip", "appName", "procId", "msgId", "facility", "severity", "message", "format");
    static final String DEFAULT_SUMMARY = "${host} ${appName}: ${message}";
    static final String DEFAULT_RESOURCE = "${host}";

    private static final List<String> FILE_KEYS = List.of("rules");
    private static final List<String> RULE_KEYS = List.of("id", "description", "match", "alert", "clears");
    private static final List<String> MATCH_KEYS = List.of(
            "facility", "severity", "host", "appName", "msgId", "sd", "message");
    private static final List<String> ALERT_KEYS = List.of("event", "severity", "layer", "summary", "resource",
            "dedupKey", "labels", "runbook", "timeoutSeconds");
    private static final List<String> CLEAR_KEYS = List.of("match", "summary");

    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern EVENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Pattern REGEX_METACHARACTER = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}]");

    /** What a directory holds: entries in evaluation order, usable only when there are no problems. */
    record Result(List<Entry> entries, int rules, List<ConfigProblem> problems) {
    }

    /**
     * A read {@code match:}; {@code condition} is null when it has problems. The group sets say
     * which regex variables are set by any, and by every, message regex.
     */
    private record MatchSpec(Condition condition, Set<String> anyGroups, Set<String> everyGroups,
            String groupSource) {
    }

    private final Problems problems = new Problems();
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, String> ruleLocations = new HashMap<>();
    private int problemCount;

    private RuleFileReader() {
    }

    static Result read(Path dir) {
        RuleFileReader reader = new RuleFileReader();
        reader.readDirectory(dir);
        List<ConfigProblem> problems = new ArrayList<>(reader.problems.list());
        problems.sort(Comparator.comparing(ConfigProblem::file).thenComparingInt(ConfigProblem::line));
        return new Result(List.copyOf(reader.entries), reader.ruleLocations.size(), List.copyOf(problems));
    }

    private void readDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            add(new ConfigProblem(dir.toString(), 0, Files.exists(dir)
                    ? "not a directory: point the rules setting at the directory holding the *.yaml rule files"
                    : "rules directory does not exist: create it or correct the path"));
            return;
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            add(new ConfigProblem(dir.toString(), 0, "cannot list the rules directory: " + e.getMessage()));
            return;
        }
        List<Path> ruleFiles = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml")) {
                ruleFiles.add(file);
            } else if (name.endsWith(".yml")) {
                add(new ConfigProblem(file.toString(), 0, "not loaded: rule files must end in .yaml; rename it"));
            }
        }
        if (ruleFiles.isEmpty() && problemCount == 0) {
            add(new ConfigProblem(dir.toString(), 0,
                    "no *.yaml rule files here: add one (a file with 'rules: []' runs without rules)"));
        }
        for (Path file : ruleFiles) {
            readFile(file);
        }
    }

    private void readFile(Path file) {
        YamlTree.Node root;
        try {
            root = YamlTree.load(file);
        } catch (ConfigException e) {
            e.problems().forEach(this::add);
            return;
        }
        if (root.isEmpty()) {
            return;
        }
        if (!root.isMap()) {
            add(root, "expected a map with the key 'rules' holding a list of rules");
            return;
        }
        checkKeys(root, FILE_KEYS, "a rule file");
        YamlTree.Node list = root.get("rules");
        if (list == null) {
            add(root, "no 'rules:' key: put the rules in a list under 'rules:'");
        } else if (!list.isEmpty() && !list.isList()) {
            add(list, "'rules' must be a list: start each rule with '- id: ...'");
        } else {
            list.items().forEach(this::readRule);
        }
    }

    private void readRule(YamlTree.Node node) {
        if (!node.isMap()) {
            add(node, "a rule must be a map with id, match and alert");
            return;
        }
        int before = problemCount;
        checkKeys(node, RULE_KEYS, "a rule");
        String id = readId(node);
        if (node.get("description") != null) {
            scalar(node.get("description"), "description");
        }
        MatchSpec match = readMatch(node, "match");
        Rule rule = readAlert(node, id == null ? "rule" : id, match);
        List<Entry> clears = readClears(node, rule);
        if (problemCount == before) {
            entries.add(new Entry(entries.size(), rule, match.condition(), 0, rule.summary()));
            for (Entry clear : clears) {
                entries.add(new Entry(entries.size(), rule, clear.condition(), clear.clearIndex(), clear.summary()));
            }
        }
    }

    private String readId(YamlTree.Node rule) {
        YamlTree.Node node = rule.get("id");
        if (node == null) {
            add(rule, "rule without id: add 'id: some-name' (lower-case letters, digits and '-')");
            return null;
        }
        String id = scalar(node, "id");
        if (id == null) {
            return null;
        }
        if (!RULE_ID.matcher(id).matches()) {
            add(node, "invalid rule id '" + id + "': use lower-case letters, digits and '-', "
                    + "starting with a letter or digit");
        }
        String earlier = ruleLocations.putIfAbsent(id, node.file() + ":" + node.line());
        if (earlier != null) {
            add(node, "duplicate rule id '" + id + "': already defined at " + earlier
                    + "; rule ids must be unique across all rule files");
        }
        return id;
    }

    private MatchSpec readMatch(YamlTree.Node parent, String field) {
        YamlTree.Node node = parent.get("match");
        MatchSpec invalid = new MatchSpec(null, Set.of(), Set.of(), field + ".message");
        if (node == null || node.isEmpty()) {
            add(at(parent, "match"), field + " is missing: give at least one condition ("
                    + String.join(", ", MATCH_KEYS) + ")");
            return invalid;
        }
        if (!node.isMap()) {
            add(node, field + " must be a map of conditions (" + String.join(", ", MATCH_KEYS) + ")");
            return invalid;
        }
        int before = problemCount;
        checkKeys(node, MATCH_KEYS, field);
        if (problemCount == before && node.entries().isEmpty()) {
            add(node, field + " has no condition: give at least one (" + String.join(", ", MATCH_KEYS) + ")");
        }
        int facilityMask = readFacilities(node.get("facility"), field + ".facility");
        int maxSeverity = readSeverity(node.get("severity"), field + ".severity");
        List<String> appNameTexts = texts(node.get("appName"), field + ".appName");
        boolean literalAppNames = !appNameTexts.isEmpty()
                && appNameTexts.stream().noneMatch(t -> t.isEmpty() || REGEX_METACHARACTER.matcher(t).find());
        String[] appNameLiterals = literalAppNames
                ? new LinkedHashSet<>(appNameTexts).toArray(String[]::new) : null;
        Pattern[] appNames = literalAppNames
                ? new Pattern[0] : regexes(node.get("appName"), appNameTexts, field + ".appName");
        Pattern[] hosts = regexes(node.get("host"), texts(node.get("host"), field + ".host"), field + ".host");
        Pattern[] msgIds = regexes(node.get("msgId"), texts(node.get("msgId"), field + ".msgId"), field + ".msgId");
        Condition.SdCondition[] sd = readSd(node.get("sd"), field + ".sd");

        String messageField = field + ".message";
        YamlTree.Node messageNode = node.get("message");
        List<MessagePattern> messages = new ArrayList<>();
        Set<String> anyGroups = new LinkedHashSet<>();
        Set<String> everyGroups = null;
        for (String text : texts(messageNode, messageField)) {
            List<String> groups = MessagePattern.namedGroups(text);
            anyGroups.addAll(groups);
            if (everyGroups == null) {
                everyGroups = new LinkedHashSet<>(groups);
            } else {
                everyGroups.retainAll(groups);
            }
            Pattern p = regex(messageNode, text, messageField);
            if (p != null) {
                messages.add(MessagePattern.of(p));
            }
        }
        Set<String> every = everyGroups == null ? Set.of() : everyGroups;
        if (problemCount != before) {
            return new MatchSpec(null, anyGroups, every, messageField);
        }
        Condition condition = new Condition(facilityMask, maxSeverity, appNameLiterals, appNames, hosts, msgIds,
                sd, messages.toArray(MessagePattern[]::new));
        return new MatchSpec(condition, anyGroups, every, messageField);
    }

    private int readFacilities(YamlTree.Node node, String field) {
        int mask = 0;
        for (String text : texts(node, field)) {
            int facility = SyslogNames.parseFacility(text);
            if (facility < 0) {
                add(node, "unknown facility '" + text + "' in " + field + "; use a name ("
                        + String.join(", ", SyslogNames.FACILITIES) + ") or a number 0..23");
            } else {
                mask |= 1 << facility;
            }
        }
        return mask;
    }

    private int readSeverity(YamlTree.Node node, String field) {
        if (node == null) {
            return -1;
        }
        String text = scalar(node, field);
        if (text == null) {
            return -1;
        }
        int severity = SyslogNames.parseSeverity(text);
        if (severity < 0) {
            add(node, "unknown syslog severity '" + text + "' in " + field + "; use one of "
                    + String.join(", ", SyslogNames.SEVERITIES) + " or 0..7 (it matches that severity and "
                    + "all more urgent ones)");
        }
        return severity;
    }

    private Condition.SdCondition[] readSd(YamlTree.Node node, String field) {
        if (node == null) {
            return new Condition.SdCondition[0];
        }
        if (!node.isMap() || node.entries().isEmpty()) {
            add(node, field + " must be a map of 'SD-ID.param-name': regex, e.g. { \"origin.software\": rsyslogd }");
            return new Condition.SdCondition[0];
        }
        List<Condition.SdCondition> out = new ArrayList<>();
        for (Map.Entry<String, YamlTree.Node> e : node.entries().entrySet()) {
            String key = e.getKey();
            int dot = key.lastIndexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                add(new ConfigProblem(node.file(), node.keyLine(key), "key '" + key + "' in " + field
                        + " must be 'SD-ID.param-name', e.g. 'origin.software' or 'meta@32473.tier'"));
                continue;
            }
            String valueField = field + "." + key;
            Pattern[] values = regexes(e.getValue(), texts(e.getValue(), valueField), valueField);
            out.add(new Condition.SdCondition(key.substring(0, dot), key.substring(dot + 1), values));
        }
        return out.toArray(Condition.SdCondition[]::new);
    }

    private Rule readAlert(YamlTree.Node ruleNode, String id, MatchSpec match) {
        YamlTree.Node node = ruleNode.get("alert");
        if (node == null || node.isEmpty()) {
            add(at(ruleNode, "alert"), "alert is missing: add 'alert:' with at least 'layer:' ("
                    + layers() + ")");
            return null;
        }
        if (!node.isMap()) {
            add(node, "alert must be a map (" + String.join(", ", ALERT_KEYS) + ")");
            return null;
        }
        checkKeys(node, ALERT_KEYS, "alert");
        String event = id;
        if (node.get("event") != null) {
            event = scalar(node.get("event"), "alert.event");
            if (event != null && !EVENT.matcher(event).matches()) {
                add(node.get("event"), "invalid alert.event '" + event
                        + "': use letters, digits, '.', '_', ':' and '-', starting with a letter or digit");
                event = null;
            }
        }
        Severity severity = null;
        if (node.get("severity") != null) {
            String text = scalar(node.get("severity"), "alert.severity");
            if (text != null) {
                try {
                    severity = Severity.parse(text);
                } catch (IllegalArgumentException e) {
                    add(node.get("severity"), "alert.severity: " + e.getMessage());
                }
            }
        }
        Layer layer = null;
        if (node.get("layer") == null) {
            add(new ConfigProblem(node.file(), ruleNode.keyLine("alert"),
                    "alert.layer is missing: set where the fault sits, one of " + layers()));
        } else {
            String text = scalar(node.get("layer"), "alert.layer");
            if (text != null) {
                try {
                    layer = Layer.parse(text);
                } catch (IllegalArgumentException e) {
                    add(node.get("layer"), "alert.layer: " + e.getMessage());
                }
            }
        }
        Template summary = optionalTemplate(node, "summary", "alert.summary", DEFAULT_SUMMARY, match, false);
        Template resource = optionalTemplate(node, "resource", "alert.resource", DEFAULT_RESOURCE, match, true);
        Template dedupKey = node.get("dedupKey") != null
                ? template(node.get("dedupKey"), "alert.dedupKey", match, true)
                : resource == null || event == null ? null : Template.compile(event + "/" + resource);
        Map<String, Template> labels = readLabels(node.get("labels"), match);
        Template runbook = node.get("runbook") == null ? null
                : template(node.get("runbook"), "alert.runbook", match, false);
        Integer timeoutSeconds = readTimeout(node.get("timeoutSeconds"));
        return new Rule(id, event, severity, layer, summary, resource, dedupKey, Collections.unmodifiableMap(labels),
                runbook, timeoutSeconds);
    }

    private Map<String, Template> readLabels(YamlTree.Node node, MatchSpec match) {
        Map<String, Template> labels = new LinkedHashMap<>();
        if (node == null) {
            return labels;
        }
        if (!node.isMap()) {
            add(node, "alert.labels must be a map of label name to value template");
            return labels;
        }
        for (Map.Entry<String, YamlTree.Node> e : node.entries().entrySet()) {
            String name = e.getKey();
            if (!LABEL_NAME.matcher(name).matches()) {
                add(new ConfigProblem(node.file(), node.keyLine(name), "invalid label name '" + name
                        + "': use letters, digits, '_', '.' and '-', starting with a letter or '_'"));
                continue;
            }
            Template t = template(e.getValue(), "alert.labels." + name, match, false);
            if (t != null) {
                labels.put(name, t);
            }
        }
        return labels;
    }

    private Integer readTimeout(YamlTree.Node node) {
        if (node == null) {
            return null;
        }
        String text = scalar(node, "alert.timeoutSeconds");
        if (text == null) {
            return null;
        }
        try {
            int seconds = Integer.parseInt(text.trim());
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below, with what to write instead
        }
        add(node, "alert.timeoutSeconds must be a whole number of seconds above 0, not '" + text + "'");
        return null;
    }

    /** Reads the clears as entries with order 0; the caller renumbers them. */
    private List<Entry> readClears(YamlTree.Node ruleNode, Rule rule) {
        YamlTree.Node node = ruleNode.get("clears");
        if (node == null || node.isEmpty()) {
            return List.of();
        }
        if (!node.isList()) {
            add(node, "clears must be a list of '- match: {...}' items");
            return List.of();
        }
        List<Entry> clears = new ArrayList<>();
        int index = 0;
        for (YamlTree.Node item : node.items()) {
            index++;
            String name = "clear #" + index;
            if (!item.isMap()) {
                add(item, name + " must be a map with 'match:' and optionally 'summary:'");
                continue;
            }
            checkKeys(item, CLEAR_KEYS, name);
            MatchSpec match = readMatch(item, name + " match");
            Template summary = optionalTemplate(item, "summary", name + " summary", DEFAULT_SUMMARY, match, false);
            if (rule != null && match.condition() != null) {
                YamlTree.Node at = item.get("match");
                checkClearCanRender(at, name, match, rule.dedupKey(), "alert.dedupKey");
                checkClearCanRender(at, name, match, rule.resource(), "alert.resource");
            }
            clears.add(new Entry(0, rule, match.condition(), index, summary));
        }
        return clears;
    }

    /**
     * A clear resolves the alert whose dedupKey it computes, so it must set every variable of the
     * rule's dedupKey and resource itself, whichever of its message regexes matched.
     */
    private void checkClearCanRender(YamlTree.Node at, String clear, MatchSpec match, Template template,
            String field) {
        if (template == null) {
            return;
        }
        for (String variable : template.variables()) {
            if (isAlwaysSet(variable, match)) {
                continue;
            }
            String fix = match.anyGroups().contains(variable)
                    ? "capture it in every regex of " + match.groupSource()
                    : "capture it in " + match.groupSource() + " with (?<" + variable + ">...)";
            add(at, clear + " cannot compute the rule's " + field + " '" + template + "': ${" + variable
                    + "} is not set by its match; " + fix);
        }
    }

    private Template optionalTemplate(YamlTree.Node parent, String key, String field, String fallback,
            MatchSpec match, boolean identity) {
        YamlTree.Node node = parent.get(key);
        return node == null ? Template.compile(fallback) : template(node, field, match, identity);
    }

    /**
     * Compiles a template and checks its variables. An identity template (dedupKey, resource)
     * may use only variables set whichever message regex matched, or repeats of one condition
     * would get different keys.
     */
    private Template template(YamlTree.Node node, String field, MatchSpec match, boolean identity) {
        String text = scalar(node, field);
        if (text == null) {
            return null;
        }
        Template t;
        try {
            t = Template.compile(text);
        } catch (IllegalArgumentException e) {
            add(node, field + ": " + e.getMessage());
            return null;
        }
        if (hasNestedPlaceholder(text)) {
            add(node, field + ": a fallback is plain text, so '${name:-${other}}' does not expand ${other}; "
                    + "write the fallback as text");
            return null;
        }
        boolean valid = true;
        for (String variable : t.variables()) {
            if (isAlwaysSet(variable, match) || (!identity && match.anyGroups().contains(variable))) {
                continue;
            }
            valid = false;
            if (match.anyGroups().contains(variable)) {
                add(node, "${" + variable + "} in " + field + " is not captured by every regex of "
                        + match.groupSource() + ", so repeats of one condition could get different keys; "
                        + "capture it in each regex or leave it out of " + field);
            } else {
                add(node, unknownVariable(variable, field, match));
            }
        }
        return valid ? t : null;
    }

    private static boolean hasNestedPlaceholder(String text) {
        int i = 0;
        while (i < text.length() - 1) {
            if (text.startsWith("$$", i)) {
                i += 2;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    return false;
                }
                if (text.substring(i + 2, end).contains("${")) {
                    return true;
                }
                i = end + 1;
            } else {
                i++;
            }
        }
        return false;
    }

    private static boolean isAlwaysSet(String variable, MatchSpec match) {
        return BUILTIN_VARIABLES.contains(variable) || isSdVariable(variable)
                || match.everyGroups().contains(variable);
    }

    /** {@code sd.<SD-ID>.<param>}; the SD-ID may itself contain dots, the param name may not. */
    static boolean isSdVariable(String variable) {
        int dot = variable.lastIndexOf('.');
        return variable.startsWith("sd.") && dot > 3 && dot < variable.length() - 1;
    }

    private static String unknownVariable(String variable, String field, MatchSpec match) {
        List<String> known = new ArrayList<>(BUILTIN_VARIABLES);
        known.addAll(match.anyGroups());
        String hint = Suggestions.closest(variable, known);
        String groups = match.anyGroups().isEmpty() ? ""
                : ", and the named groups of " + match.groupSource() + ": " + String.join(", ", match.anyGroups());
        return "unknown variable ${" + variable + "} in " + field + "; known: "
                + String.join(", ", BUILTIN_VARIABLES) + ", sd.<SD-ID>.<param>" + groups
                + (hint == null ? "" : " (did you mean ${" + hint + "}?)");
    }

    private void checkKeys(YamlTree.Node map, List<String> known, String where) {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                String hint = Suggestions.closest(key, known);
                add(new ConfigProblem(map.file(), map.keyLine(key), "unknown key '" + key + "' in " + where
                        + "; known: " + String.join(", ", known) + (hint == null ? "" : " (did you mean '" + hint
                        + "'?)")));
            }
        }
    }

    /** One value, or a list of values, as texts; a problem for anything else. */
    private List<String> texts(YamlTree.Node node, String field) {
        if (node == null) {
            return List.of();
        }
        if (node.isEmpty()) {
            add(node, field + " is empty: give a value or remove the key");
            return List.of();
        }
        if (node.isScalar()) {
            return List.of(node.text());
        }
        if (!node.isList() || node.items().isEmpty()) {
            add(node, field + " must be a value or a list of values");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlTree.Node item : node.items()) {
            if (item.isScalar()) {
                out.add(item.text());
            } else {
                add(item, field + " must be a value or a list of values, not a nested list or map");
            }
        }
        return out;
    }

    private Pattern[] regexes(YamlTree.Node node, List<String> texts, String field) {
        List<Pattern> out = new ArrayList<>();
        for (String text : texts) {
            Pattern p = regex(node, text, field);
            if (p != null) {
                out.add(p);
            }
        }
        return out.toArray(Pattern[]::new);
    }

    private Pattern regex(YamlTree.Node node, String text, String field) {
        if (text.isEmpty()) {
            add(node, "empty regex in " + field + ": give a pattern or remove the condition");
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            String column = e.getIndex() >= 0 ? " at column " + (e.getIndex() + 1) : "";
            add(node, "invalid regex in " + field + ": " + e.getDescription() + column + " of '" + text
                    + "'; fix the pattern (single-quote regexes in YAML so backslashes stay as written)");
            return null;
        }
    }

    private String scalar(YamlTree.Node node, String field) {
        if (node.isScalar()) {
            return node.text();
        }
        add(node, node.isEmpty() ? field + " is empty: give a value or remove the key"
                : field + " must be a single value, not a list or map");
        return null;
    }

    /** Where a missing key belongs: the line of its parent map. */
    private static YamlTree.Node at(YamlTree.Node parent, String key) {
        YamlTree.Node value = parent.get(key);
        return value != null ? value : parent;
    }

    private static String layers() {
        return "hardware, network, os, middleware, application, cloud, unknown";
    }

    private void add(YamlTree.Node at, String message) {
        add(new ConfigProblem(at.file(), at.line(), message));
    }

    private void add(ConfigProblem problem) {
        problems.add(problem);
        problemCount++;
    }
}
