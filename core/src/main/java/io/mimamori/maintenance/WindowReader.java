package io.mimamori.maintenance;

import io.mimamori.alert.Layer;
import io.mimamori.config.ConfigException;
import io.mimamori.config.ConfigProblem;
import io.mimamori.config.Glob;
import io.mimamori.config.Problems;
import io.mimamori.config.Suggestions;
import io.mimamori.config.YamlTree;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads windows from YAML nodes or API maps and checks them, collecting every problem with its
 * place and the field it concerns.
 */
final class WindowReader {
    static final String REQUEST = "request";

    private static final List<String> FILE_KEYS = List.of("windows");
    private static final List<String> WINDOW_KEYS = List.of("id", "tenant", "reason", "ticket", "createdBy",
            "timezone", "match", "schedule", "silenceWholeTenant");
    private static final List<String> MATCH_KEYS = List.of("resource", "host", "event", "layer", "labels");
    private static final List<String> SCHEDULE_KEYS = List.of("start", "end", "rrule", "dtstart", "cron",
            "duration", "until");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final String SCHEDULE_FORMS = "give start and end (one-off), rrule with dtstart and duration,"
            + " or cron with duration";

    private final Problems problems;
    private final ZoneLookup zones;
    private final Duration wholeTenantLimit;
    private String subject = "window";
    private int count;
    private final Map<String, String> idLocations = new HashMap<>();

    WindowReader(Problems problems, ZoneLookup zones, Duration wholeTenantLimit) {
        this.problems = problems;
        this.zones = zones;
        this.wholeTenantLimit = wholeTenantLimit;
    }

    static Window readMap(Map<String, ?> fields, ZoneLookup zones, Duration wholeTenantLimit) {
        if (fields == null) {
            throw new ConfigException(new ConfigProblem(REQUEST, 0, "no window given: send a map with id, tenant,"
                    + " reason, match and schedule"));
        }
        // Read through the same YAML tree as the files, so both are checked by one reader.
        YamlTree.Node node = YamlTree.parse(REQUEST, new Yaml().dump(new LinkedHashMap<>(fields)));
        Problems found = new Problems();
        Window window = new WindowReader(found, zones, wholeTenantLimit).read(node, REQUEST);
        if (window == null) {
            // lines of the re-serialised map mean nothing to the sender: the messages name the field
            throw new ConfigException(found.list().stream()
                    .map(p -> new ConfigProblem(REQUEST, 0, p.message())).toList());
        }
        return window;
    }

    /** The windows of a file with a {@code windows:} list; windows with problems are left out. */
    List<Window> readFile(Path file) {
        YamlTree.Node root;
        try {
            root = YamlTree.load(file);
        } catch (ConfigException e) {
            e.problems().forEach(problems::add);
            count++;
            return List.of();
        }
        subject = "maintenance file";
        if (root.isEmpty()) {
            return List.of();
        }
        if (!root.isMap()) {
            add(root, null, "expected a map with the key 'windows' holding a list of windows");
            return List.of();
        }
        checkKeys(root, null, FILE_KEYS);
        YamlTree.Node list = root.get("windows");
        if (list == null) {
            add(root, null, "no 'windows:' key: put the windows in a list under 'windows:'");
            return List.of();
        }
        if (!list.isEmpty() && !list.isList()) {
            add(list, "windows", "must be a list: start each window with '- id: ...'");
            return List.of();
        }
        List<Window> out = new ArrayList<>();
        for (YamlTree.Node item : list.items()) {
            Window w = read(item, item.file() + ":" + item.line());
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    /** The window in {@code node}, or null after adding its problems. */
    Window read(YamlTree.Node node, String origin) {
        subject = "window";
        if (!node.isMap()) {
            add(node, null, "must be a map with id, tenant, reason, match and schedule");
            return null;
        }
        int before = count;
        String id = readId(node);
        checkKeys(node, null, WINDOW_KEYS);
        String tenant = text(node, "tenant", null);
        String reason = text(node, "reason", null);
        String ticket = text(node, "ticket", null);
        String createdBy = text(node, "createdBy", null);
        if (node.get("reason") == null && node.get("ticket") == null) {
            add(node, "reason", "say why the window exists: add reason or ticket");
        }
        ZoneId zone = readZone(node, tenant);
        Matchers matchers = readMatchers(node.get("match"));
        Boolean wholeTenant = readBoolean(node, "silenceWholeTenant");
        Schedule schedule = zone == null ? null : readSchedule(node, zone);
        if (schedule != null && matchers != null) {
            checkWholeTenant(node, tenant, matchers, schedule, Boolean.TRUE.equals(wholeTenant));
        }
        if (count != before) {
            return null;
        }
        return new Window(id, tenant, reason, ticket, createdBy, zone, matchers, schedule, origin);
    }

    private String readId(YamlTree.Node window) {
        String id = text(window, "id", null);
        if (id == null) {
            add(window, "id", "missing: add 'id: some-name' (letters, digits, '.', '_' and '-'), unique across"
                    + " all windows");
            return null;
        }
        if (!ID.matcher(id).matches()) {
            add(window.get("id"), "id", "'" + id + "' is not a valid id: use up to 100 letters, digits, '.', '_'"
                    + " and '-', starting with a letter or digit");
            return null;
        }
        subject = "window '" + id + "'";
        String earlier = idLocations.putIfAbsent(id, window.file() + ":" + window.get("id").line());
        if (earlier != null) {
            add(window.get("id"), "id", "duplicate: already used at " + earlier + "; window ids must be unique");
        }
        return id;
    }

    private ZoneId readZone(YamlTree.Node window, String tenant) {
        if (tenant == null) {
            add(window, "tenant", "missing: name the tenant whose alerts the window silences");
            return null;
        }
        ZoneId tenantZone = zones.zoneOf(tenant).orElse(null);
        if (tenantZone == null) {
            String guess = Suggestions.closest(tenant, zones.tenants());
            add(window.get("tenant"), "tenant", "unknown tenant '" + tenant + "'"
                    + (guess == null ? ": use the id of a configured tenant" : "; did you mean '" + guess + "'?"));
        }
        String name = text(window, "timezone", null);
        if (name == null) {
            return tenantZone;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            String guess = Suggestions.closest(name, ZoneId.getAvailableZoneIds());
            add(window.get("timezone"), "timezone", "unknown timezone '" + name + "'"
                    + (guess == null ? ": use an IANA name such as Europe/Berlin" : "; did you mean '" + guess + "'?"));
            return null;
        }
    }

    private Matchers readMatchers(YamlTree.Node match) {
        if (match == null || match.isEmpty()) {
            return Matchers.NONE;
        }
        if (!match.isMap()) {
            add(match, "match", "must be a map of conditions (" + String.join(", ", MATCH_KEYS) + ")");
            return null;
        }
        int before = count;
        checkKeys(match, "match", MATCH_KEYS);
        Glob resource = glob(match, "resource", "match.resource");
        Glob host = glob(match, "host", "match.host");
        Glob event = glob(match, "event", "match.event");
        Layer layer = null;
        String layerName = text(match, "layer", "match.");
        if (layerName != null) {
            try {
                layer = Layer.parse(layerName);
            } catch (IllegalArgumentException e) {
                add(match.get("layer"), "match.layer", e.getMessage());
            }
        }
        Map<String, Glob> labels = new LinkedHashMap<>();
        YamlTree.Node labelNode = match.get("labels");
        if (labelNode != null && !labelNode.isEmpty()) {
            if (!labelNode.isMap()) {
                add(labelNode, "match.labels", "must be a map of label name to value, e.g. env: prod");
            } else {
                labelNode.entries().keySet().forEach(name -> labels.put(name, glob(labelNode, name, "match.labels." + name)));
            }
        }
        return count == before ? new Matchers(resource, host, event, layer, labels) : null;
    }

    private Glob glob(YamlTree.Node parent, String key, String field) {
        YamlTree.Node node = parent.get(key);
        if (node == null) {
            return null;
        }
        if (!node.isScalar() || node.text().isBlank()) {
            add(node, field, "must be a text or a glob (* for any characters, ? for one)");
            return null;
        }
        return Glob.of(node.text());
    }

    private Schedule readSchedule(YamlTree.Node window, ZoneId zone) {
        YamlTree.Node s = window.get("schedule");
        if (s == null || s.isEmpty()) {
            add(s == null ? window : s, "schedule", "missing: " + SCHEDULE_FORMS);
            return null;
        }
        if (!s.isMap()) {
            add(s, "schedule", "must be a map: " + SCHEDULE_FORMS);
            return null;
        }
        int before = count;
        checkKeys(s, "schedule", SCHEDULE_KEYS);
        if (count != before) {
            return null;
        }
        boolean rrule = s.get("rrule") != null;
        boolean cron = s.get("cron") != null;
        if (rrule && cron) {
            add(s, "schedule", "has both rrule and cron: keep one of them");
            return null;
        }
        if (rrule || cron) {
            return readRecurring(s, zone, rrule);
        }
        return readOnce(s, zone);
    }

    private Schedule readOnce(YamlTree.Node s, ZoneId zone) {
        refuse(s, "a one-off schedule (start and end)", "dtstart", "duration", "until");
        if (s.get("start") == null && s.get("end") == null) {
            add(s, "schedule", "incomplete: " + SCHEDULE_FORMS);
            return null;
        }
        for (String key : List.of("start", "end")) {
            if (s.get(key) == null) {
                add(s, "schedule." + key, "missing: a one-off window needs start and end");
            }
        }
        Instant start = instant(s, "start", zone);
        Instant end = instant(s, "end", zone);
        if (start == null || end == null) {
            return null;
        }
        if (!end.isAfter(start)) {
            add(s.get("end"), "schedule.end", "'" + s.text("end") + "' is not after start '" + s.text("start")
                    + "' (" + zone + "): the end must be later than the start");
            return null;
        }
        return Schedule.once(start, end, zone);
    }

    private Schedule readRecurring(YamlTree.Node s, ZoneId zone, boolean rrule) {
        String kind = rrule ? "rrule" : "cron";
        refuse(s, "a " + kind + " schedule", "start", "end");
        if (!rrule) {
            refuse(s, "a cron schedule (the expression says when)", "dtstart");
        }
        Duration length = null;
        String durationText = text(s, "duration", "schedule.");
        if (durationText == null) {
            add(s, "schedule.duration", "missing: say how long each occurrence lasts, e.g. duration: 3h");
        } else {
            try {
                length = Durations.parse(durationText);
            } catch (IllegalArgumentException e) {
                add(s.get("duration"), "schedule.duration", e.getMessage());
            }
        }
        Instant until = s.get("until") == null ? null : instant(s, "until", zone);
        LocalRecurrence recurrence = rrule ? readRrule(s, zone) : readCron(s);
        if (length == null || recurrence == null || (s.get("until") != null && until == null)) {
            return null;
        }
        return Schedule.recurring(recurrence, length, zone, until);
    }

    private LocalRecurrence readRrule(YamlTree.Node s, ZoneId zone) {
        String rule = text(s, "rrule", "schedule.");
        String dtstartText = text(s, "dtstart", "schedule.");
        if (dtstartText == null) {
            add(s, "schedule.dtstart", "missing: give the local date-time of the first occurrence,"
                    + " e.g. dtstart: 2026-01-04 02:00");
            return null;
        }
        LocalDateTime dtstart;
        try {
            dtstart = WallTime.parseLocal(dtstartText);
        } catch (IllegalArgumentException e) {
            add(s.get("dtstart"), "schedule.dtstart", "'" + dtstartText + "' is not a local date-time: use e.g."
                    + " 2026-01-04 02:00 (no offset: the rule runs on the window's local clock)");
            return null;
        }
        if (rule == null) {
            return null;
        }
        try {
            return RruleRecurrence.parse(rule, dtstart, zone);
        } catch (IllegalArgumentException e) {
            add(s.get("rrule"), "schedule.rrule", e.getMessage());
            return null;
        }
    }

    private LocalRecurrence readCron(YamlTree.Node s) {
        String expression = text(s, "cron", "schedule.");
        if (expression == null) {
            return null;
        }
        try {
            return CronRecurrence.parse(expression);
        } catch (IllegalArgumentException e) {
            add(s.get("cron"), "schedule.cron", e.getMessage());
            return null;
        }
    }

    private void checkWholeTenant(YamlTree.Node window, String tenant, Matchers matchers, Schedule schedule,
            boolean confirmed) {
        if (matchers.isEmpty() && !confirmed && schedule.length().compareTo(wholeTenantLimit) > 0) {
            add(window, "silenceWholeTenant", "the window has no match conditions and silences every alert of"
                    + " tenant '" + tenant + "' for " + Durations.format(schedule.length()) + ", longer than "
                    + Durations.format(wholeTenantLimit) + ": add conditions under match, or set"
                    + " 'silenceWholeTenant: true' to confirm");
        } else if (!matchers.isEmpty() && confirmed) {
            add(window.get("silenceWholeTenant"), "silenceWholeTenant", "true, but the window has match conditions"
                    + " and so does not silence the whole tenant: remove the flag or the conditions");
        }
    }

    private Instant instant(YamlTree.Node parent, String key, ZoneId zone) {
        String value = text(parent, key, "schedule.");
        if (value == null) {
            return null;
        }
        try {
            return WallTime.parseInstant(value, zone);
        } catch (IllegalArgumentException e) {
            add(parent.get(key), "schedule." + key, e.getMessage());
            return null;
        }
    }

    private Boolean readBoolean(YamlTree.Node parent, String key) {
        String value = text(parent, key, null);
        if (value == null) {
            return null;
        }
        if (!value.equals("true") && !value.equals("false")) {
            add(parent.get(key), key, "'" + value + "' is not true or false");
            return null;
        }
        return Boolean.valueOf(value);
    }

    private void refuse(YamlTree.Node s, String what, String... keys) {
        for (String key : keys) {
            if (s.get(key) != null) {
                add(s.get(key), "schedule." + key, "does not belong in " + what + ": remove it ("
                        + SCHEDULE_FORMS + ")");
            }
        }
    }

    /** Scalar text under {@code key}; a problem when it is there but not a single value. */
    private String text(YamlTree.Node parent, String key, String fieldPrefix) {
        YamlTree.Node node = parent.get(key);
        if (node == null || node.isEmpty()) {
            return null;
        }
        if (!node.isScalar()) {
            add(node, (fieldPrefix == null ? "" : fieldPrefix) + key, "must be a single value");
            return null;
        }
        return node.text().trim();
    }

    private void checkKeys(YamlTree.Node map, String field, List<String> allowed) {
        for (String key : map.entries().keySet()) {
            if (!allowed.contains(key)) {
                String guess = Suggestions.closest(key, allowed);
                add(map.file(), map.keyLine(key), field == null ? key : field + "." + key, "unknown key"
                        + (guess == null ? "" : "; did you mean '" + guess + "'?")
                        + " (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private void add(YamlTree.Node at, String field, String message) {
        add(at.file(), at.line(), field, message);
    }

    private void add(String file, int line, String field, String message) {
        count++;
        problems.add(new ConfigProblem(file, line, subject + ": " + (field == null ? "" : field + ": ") + message));
    }
}
