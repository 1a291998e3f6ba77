package io.mimamori.ruletest;

import io.mimamori.alert.Alert;
import io.mimamori.config.YamlTree;
import io.mimamori.lifecycle.Lifecycle;
import io.mimamori.lifecycle.LifecycleSettings;
import io.mimamori.lifecycle.MaintenanceGate;
import io.mimamori.lifecycle.MemoryConditions;
import io.mimamori.lifecycle.Outcome;
import io.mimamori.pipeline.AlertCompleter;
import io.mimamori.spi.RuleTestDecoder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A case with time steps: each step's input goes through the alert lifecycle at its offset, with
 * timeouts and flap settling firing at the moment they fall due; what the lifecycle notifies is
 * compared, in order, with the expected notifications.
 */
final class StepCase {
    private static final String TENANT = "default";
    private static final String SITE = "rule-tests";

    /**
     * One step.
     *
     * @param node  the step in the test file
     * @param at    its offset from the start of the case, in milliseconds
     * @param rules the rules that decode its input, or null for a step that only lets time pass
     */
    record Step(YamlTree.Node node, long at, RuleTestDecoder.Rules rules) {
    }

    /** What the sinks would be told, {@code at} milliseconds after the start of the case. */
    record Notification(long at, Alert alert) {
    }

    private final LifecycleSettings settings;
    private final Instant start;

    StepCase(LifecycleSettings settings, Instant start) {
        this.settings = settings;
        this.start = start;
    }

    /**
     * Plays the steps and returns the notifications sent.
     *
     * @throws IllegalArgumentException for a step input that is not well described, naming the step's line
     */
    List<Notification> play(List<Step> steps) {
        StepClock clock = new StepClock(start);
        MemoryConditions store = new MemoryConditions();
        AlertCompleter completer = new AlertCompleter(TENANT, SITE, clock);
        Lifecycle lifecycle = new Lifecycle(settings, store, MaintenanceGate.NONE, completer::complete, clock);
        List<Notification> sent = new ArrayList<>();
        for (Step step : steps) {
            long target = start.toEpochMilli() + step.at();
            for (long due = store.nextTimerAfter(clock.millis()); due != 0 && due <= target;
                    due = store.nextTimerAfter(clock.millis())) {
                clock.set(Instant.ofEpochMilli(due));
                keepSent(lifecycle.tick(), clock, sent);
            }
            clock.set(Instant.ofEpochMilli(target));
            keepSent(lifecycle.tick(), clock, sent);
            if (step.rules() != null) {
                for (Alert draft : decode(step, clock.instant())) {
                    keepSent(lifecycle.onAlert(completer.complete(draft)), clock, sent);
                }
            }
        }
        return sent;
    }

    private static List<Alert> decode(Step step, Instant receivedAt) {
        try {
            return step.rules().decode(step.node(), receivedAt).alerts();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step at line " + step.node().line() + ": " + e.getMessage(), e);
        }
    }

    private void keepSent(List<Outcome> outcomes, StepClock clock, List<Notification> sent) {
        for (Outcome o : outcomes) {
            if (o.notified()) {
                sent.add(new Notification(clock.millis() - start.toEpochMilli(), o.alert()));
            }
        }
    }

    /**
     * Null when {@code actual} is what {@code expected} lists; otherwise the whole expected and
     * actual lists, then each difference, one per line.
     */
    static String diff(String where, List<YamlTree.Node> expected, List<Notification> actual) {
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            if (i >= actual.size()) {
                differences.add("#" + (i + 1) + ": expected " + render(expected.get(i)) + ", got none");
            } else if (i >= expected.size()) {
                differences.add("#" + (i + 1) + ": not expected: " + render(actual.get(i), columns(expected)));
            } else {
                compare(i + 1, expected.get(i), actual.get(i), differences);
            }
        }
        if (differences.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(where).append(": notifications differ\n    expected:");
        appendList(out, expected.stream().map(StepCase::render).toList());
        out.append("\n    actual:");
        Set<String> columns = columns(expected);
        appendList(out, actual.stream().map(n -> render(n, columns)).toList());
        differences.forEach(d -> out.append("\n    ").append(d));
        return out.toString();
    }

    private static void compare(int number, YamlTree.Node expected, Notification actual, List<String> differences) {
        for (Map.Entry<String, YamlTree.Node> field : expected.entries().entrySet()) {
            String key = field.getKey();
            if (key.equals("labels")) {
                field.getValue().entries().forEach((label, v) -> {
                    String is = actual.alert().labels().get(label);
                    if (!Objects.equals(v.text(), is)) {
                        differences.add(difference(number, "labels." + label, v.text(), is));
                    }
                });
            } else if (key.equals("at")) {
                if (Offsets.parse(field.getValue().text()) != actual.at()) {
                    differences.add(difference(number, "at", field.getValue().text(), Offsets.format(actual.at())));
                }
            } else {
                String is = AlertFields.value(actual.alert(), key);
                if (!Objects.equals(field.getValue().text(), is)) {
                    differences.add(difference(number, key, field.getValue().text(), is));
                }
            }
        }
    }

    private static String difference(int number, String field, String expected, String actual) {
        return "#" + number + " " + field + ": expected " + Checks.quote(expected) + ", actual " + Checks.quote(actual);
    }

    /** The fields shown for actual notifications: at, status, event, then whatever any expected one lists. */
    private static Set<String> columns(List<YamlTree.Node> expected) {
        Set<String> columns = new LinkedHashSet<>(List.of("at", "status", "event"));
        expected.forEach(e -> columns.addAll(e.entries().keySet()));
        return columns;
    }

    private static void appendList(StringBuilder out, List<String> items) {
        if (items.isEmpty()) {
            out.append(" (none)");
        }
        for (int i = 0; i < items.size(); i++) {
            out.append("\n      ").append(i + 1).append(". ").append(items.get(i));
        }
    }

    private static String render(YamlTree.Node expected) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        expected.entries().forEach((k, v) -> out.add(k + ": " + (v.isMap() ? render(v) : v.text())));
        return out.toString();
    }

    private static String render(Notification n, Set<String> columns) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        for (String c : columns) {
            if (c.equals("at")) {
                out.add("at: " + Offsets.format(n.at()));
            } else if (c.equals("labels")) {
                out.add("labels: " + n.alert().labels());
            } else {
                String value = AlertFields.value(n.alert(), c);
                out.add(c + ": " + (value == null ? "(none)" : value));
            }
        }
        return out.toString();
    }
}
