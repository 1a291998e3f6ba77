package io.mimamori.tenant;

import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.config.Glob;
import io.mimamori.config.Suggestions;
import io.mimamori.config.Template;
import io.mimamori.config.YamlTree;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads what decides delivery: a tenant's {@code routes} and {@code secrets}, and runbook lists.
 * Sink names are checked against the hub's delivery routes when those are known.
 */
final class DeliveryReader {
    private static final List<String> ROUTE_KEYS = List.of("sinks", "match", "continue");
    private static final List<String> MATCH_KEYS = List.of("severity", "minSeverity", "layer", "event", "labels");
    private static final List<String> RUNBOOK_KEYS = List.of("event", "layer", "url", "text");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final FieldReader fields;
    private final DeliverySinks sinks;
    private final Set<String> knownSinks;

    /** @param sinks the hub's delivery routes; no names to accept any */
    DeliveryReader(FieldReader fields, DeliverySinks sinks) {
        this.fields = fields;
        this.sinks = sinks;
        this.knownSinks = sinks.names();
    }

    /** Reads a tenant's {@code routes:}; {@code where} is the tenant in words, for messages. */
    List<SinkRoute> routes(YamlTree.Node node, String where) {
        List<SinkRoute> routes = new ArrayList<>();
        if (node == null || node.isEmpty()) {
            return routes;
        }
        if (!node.isList()) {
            fields.add(node, "routes must be a list: start each route with '- sinks: [...]'");
            return routes;
        }
        for (YamlTree.Node route : node.items()) {
            if (!route.isMap()) {
                fields.add(route, "a route must be a map with sinks and optionally match and continue");
                continue;
            }
            fields.checkKeys(route, ROUTE_KEYS, "a route");
            List<String> sinks = readSinks(route, where);
            boolean cont = fields.bool(route.get("continue"), "continue");
            YamlTree.Node match = route.get("match");
            if (match == null || match.isEmpty()) {
                routes.add(new SinkRoute(sinks, List.of(), null, List.of(), List.of(), Map.of(), cont));
            } else if (!match.isMap()) {
                fields.add(match, "match must be a map of " + String.join(", ", MATCH_KEYS));
            } else {
                routes.add(readMatch(match, sinks, cont));
            }
        }
        return routes;
    }

    private List<String> readSinks(YamlTree.Node route, String where) {
        YamlTree.Node node = route.get("sinks");
        List<YamlTree.Node> items = node == null ? List.of() : fields.texts(node, "sinks");
        if (items.isEmpty()) {
            fields.add(node == null ? route : node, "this route of " + where + " names no sink: add 'sinks: [NAME]'"
                    + knownSinksHint());
        }
        List<String> sinks = new ArrayList<>();
        for (YamlTree.Node item : items) {
            if (checkSink(item, item.text(), "route")) {
                sinks.add(item.text());
            }
        }
        return sinks;
    }

    private boolean checkSink(YamlTree.Node at, String sink, String what) {
        if (knownSinks.isEmpty() || knownSinks.contains(sink)) {
            return true;
        }
        String hint = Suggestions.closest(sink, knownSinks);
        fields.add(at, what + " names sink '" + sink + "', which no delivery route defines"
                + (hint == null ? "" : " (did you mean '" + hint + "'?)") + knownSinksHint());
        return false;
    }

    private String knownSinksHint() {
        return knownSinks.isEmpty() ? "" : "; sinks of this hub: " + String.join(", ", new TreeSet<>(knownSinks));
    }

    private SinkRoute readMatch(YamlTree.Node match, List<String> sinks, boolean cont) {
        fields.checkKeys(match, MATCH_KEYS, "a route's match");
        List<Severity> severities = new ArrayList<>();
        for (YamlTree.Node item : fields.texts(match.get("severity"), "severity")) {
            try {
                severities.add(Severity.parse(item.text()));
            } catch (IllegalArgumentException e) {
                fields.add(item, e.getMessage());
            }
        }
        severities.sort(Comparator.naturalOrder());
        Severity min = null;
        if (match.get("minSeverity") != null) {
            if (!severities.isEmpty()) {
                fields.add(match.get("minSeverity"), "give either severity (a list) or minSeverity, not both");
            }
            String text = fields.scalar(match.get("minSeverity"), "minSeverity");
            try {
                min = text == null ? null : Severity.parse(text);
            } catch (IllegalArgumentException e) {
                fields.add(match.get("minSeverity"), e.getMessage());
            }
        }
        List<Layer> layers = fields.layers(match.get("layer"));
        List<Glob> events = fields.texts(match.get("event"), "event").stream().map(n -> Glob.of(n.text())).toList();
        Map<String, Glob> labels = new TreeMap<>();
        YamlTree.Node labelNode = match.get("labels");
        if (labelNode != null && !labelNode.isMap()) {
            fields.add(labelNode, "labels must be a map of label name to value or glob, e.g. env: prod");
        } else if (labelNode != null) {
            labelNode.entries().forEach((name, value) -> {
                String v = fields.scalar(value, "label " + name);
                if (!LABEL_NAME.matcher(name).matches()) {
                    fields.add(value, "'" + name + "' is not a label name: letters, digits, '_', '.' and '-'");
                } else if (v != null) {
                    labels.put(name, Glob.of(v));
                }
            });
        }
        return new SinkRoute(sinks, severities, min, layers, events, labels, cont);
    }

    /**
     * Reads a tenant's {@code secrets:} and resolves them: sink name to secret. When the hub says
     * which sinks take a secret per tenant, an entry must name one of those, and the route's own
     * per-tenant parameter must not name the same tenant (which of the two would be meant?).
     *
     * @param tenant the tenant's id, null when it has none
     */
    Map<String, String> secrets(YamlTree.Node node, String tenant, String where) {
        Map<String, String> out = new TreeMap<>();
        if (node == null || node.isEmpty()) {
            return out;
        }
        if (!node.isMap()) {
            fields.add(node, "secrets must be a map of sink name to env:NAME or file:PATH,"
                    + " e.g. pagerduty: env:ACME_PD_ROUTING_KEY");
            return out;
        }
        node.entries().forEach((sink, value) -> {
            if (!checkSink(value, sink, "secrets") || !checkKeyed(value, sink, tenant, where)) {
                return;
            }
            String text = fields.scalar(value, "secret of " + sink);
            String resolved = text == null ? null : fields.secret(value, "secret of sink " + sink, where);
            if (resolved != null && checkSecret(value, sink, resolved, where)) {
                out.put(sink, resolved);
            }
        });
        return out;
    }

    private boolean checkKeyed(YamlTree.Node at, String sink, String tenant, String where) {
        if (!sinks.knowsKeyed()) {
            return true;
        }
        DeliverySinks.KeyedSink keyed = sinks.keyed(sink);
        if (keyed == null) {
            Set<String> takers = sinks.keyedNames();
            fields.add(at, "secrets names sink '" + sink + "', whose delivery route sends to no sink that takes a"
                    + " secret per tenant (such as pagerduty-sink or opsgenie-sink): remove this entry"
                    + (takers.isEmpty() ? "; no delivery route of this hub takes one"
                    : "; delivery routes of this hub that take one: " + String.join(", ", takers)));
            return false;
        }
        if (tenant != null && keyed.routeTenants().contains(tenant)) {
            fields.add(at, where + " has a " + keyed.secretName() + " for sink '" + sink + "' both here and in that"
                    + " delivery route's " + keyed.tenantsParameter() + ": keep only one, here or there");
            return false;
        }
        return true;
    }

    private boolean checkSecret(YamlTree.Node at, String sink, String secret, String where) {
        DeliverySinks.KeyedSink keyed = sinks.keyed(sink);
        String wrong = keyed == null || keyed.check() == null ? null : keyed.check().apply(secret);
        if (wrong != null) {
            fields.add(at, "secret of sink " + sink + " of " + where + " (" + at.text().trim() + ") " + wrong);
            return false;
        }
        return true;
    }

    /** Reads a {@code runbooks:} list, a tenant's or the shared one. */
    List<Runbook> runbooks(YamlTree.Node node) {
        List<Runbook> out = new ArrayList<>();
        if (node == null || node.isEmpty()) {
            return out;
        }
        if (!node.isList()) {
            fields.add(node, "runbooks must be a list: start each with '- event: ...' or '- layer: ...'");
            return out;
        }
        for (YamlTree.Node item : node.items()) {
            if (!item.isMap()) {
                fields.add(item, "a runbook must be a map with url and event and/or layer");
                continue;
            }
            fields.checkKeys(item, RUNBOOK_KEYS, "a runbook");
            List<Glob> events = fields.texts(item.get("event"), "event").stream().map(n -> Glob.of(n.text())).toList();
            List<Layer> layers = fields.layers(item.get("layer"));
            if (item.get("event") == null && item.get("layer") == null) {
                fields.add(item, "a runbook needs 'event:' (a glob) or 'layer:' to say which alerts it is for");
            }
            Template url = readUrl(item);
            String text = item.get("text") == null ? "runbook" : fields.scalar(item.get("text"), "text");
            if (url != null && text != null) {
                out.add(new Runbook(events, layers, url, text));
            }
        }
        return out;
    }

    private Template readUrl(YamlTree.Node runbook) {
        YamlTree.Node node = runbook.get("url");
        if (node == null) {
            fields.add(runbook, "a runbook needs 'url:', e.g. https://wiki.example/runbooks/${event}");
            return null;
        }
        String text = fields.scalar(node, "url");
        if (text == null) {
            return null;
        }
        if (!text.startsWith("https://") && !text.startsWith("http://")) {
            fields.add(node, "url '" + text + "' must start with https:// or http://");
            return null;
        }
        Template template;
        try {
            template = Template.compile(text);
        } catch (IllegalArgumentException e) {
            fields.add(node, "url: " + e.getMessage());
            return null;
        }
        for (String variable : template.variables()) {
            if (!Runbook.VARIABLES.contains(variable) && !(variable.startsWith(Runbook.LABEL_PREFIX)
                    && variable.length() > Runbook.LABEL_PREFIX.length())) {
                String hint = Suggestions.closest(variable, Runbook.VARIABLES);
                fields.add(node, "url uses ${" + variable + "}, which alerts do not have: use "
                        + String.join(", ", new TreeSet<>(Runbook.VARIABLES)) + " or labels.NAME"
                        + (hint == null ? "" : " (did you mean '" + hint + "'?)"));
                return null;
            }
        }
        return template;
    }

}
