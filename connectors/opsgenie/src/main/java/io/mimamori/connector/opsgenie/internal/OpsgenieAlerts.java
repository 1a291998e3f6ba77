package io.mimamori.connector.opsgenie.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Link;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Text;
import io.mimamori.connector.opsgenie.Responders;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alerts as Opsgenie Alert API v2 requests, within Opsgenie's documented limits: message 130
 * characters, alias 512, description 15000, entity 512, source and user 100, tags 20 of 50
 * characters, details 8000 characters in all, note 25000.
 */
public final class OpsgenieAlerts {
    public static final int MAX_MESSAGE = 130;
    public static final int MAX_ALIAS = 512;
    public static final int MAX_DESCRIPTION = 15_000;
    public static final int MAX_ENTITY = 512;
    public static final int MAX_SOURCE = 100;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 50;
    public static final int MAX_DETAILS = 8_000;
    public static final int MAX_NOTE = 25_000;

    private static final ObjectMapper MAPPER = AlertJson.mapper();

    private OpsgenieAlerts() {
    }

    /** Opsgenie priority of a Mimamori severity: P1 (critical) to P5 (info). */
    public static String priority(Severity s) {
        return "P" + (s.ordinal() + 1);
    }

    /**
     * {@code <tenant>/<dedupKey>} (at most 1 + 250 characters plus the tenant, readable in Opsgenie and
     * unique across tenants sharing an API key), or the fingerprint if that would exceed 512. Stable
     * for a condition, so create and close address the same alert.
     */
    public static String alias(Alert a) {
        if (a.dedupKey() == null || a.dedupKey().isEmpty()) {
            return a.fingerprint();
        }
        String readable = a.tenant() == null ? a.dedupKey() : a.tenant() + "/" + a.dedupKey();
        return readable.length() <= MAX_ALIAS ? readable : a.fingerprint();
    }

    /** The body of {@code POST /v2/alerts}. */
    public static byte[] create(Alert a, List<Responders.Ref> responders, List<Responders.Ref> visibleTo,
                                List<String> extraTags, String source, String user) {
        ObjectNode b = MAPPER.createObjectNode();
        b.put("message", Text.truncate(message(a), MAX_MESSAGE));
        b.put("alias", alias(a));
        b.put("description", Text.truncate(description(a), MAX_DESCRIPTION));
        refs(b, "responders", responders);
        refs(b, "visibleTo", visibleTo);
        ArrayNode tags = b.putArray("tags");
        tags(a, extraTags).forEach(tags::add);
        ObjectNode details = b.putObject("details");
        details(a).forEach(details::put);
        String entity = a.resource() != null && !a.resource().isEmpty() ? a.resource() : a.host();
        if (entity != null && !entity.isEmpty()) {
            b.put("entity", Text.truncate(entity, MAX_ENTITY));
        }
        b.put("source", Text.truncate(source, MAX_SOURCE));
        b.put("priority", priority(a.severity()));
        b.put("user", Text.truncate(user, MAX_SOURCE));
        return bytes(b);
    }

    /** The body of {@code POST /v2/alerts/{alias}/close?identifierType=alias}. */
    public static byte[] close(Alert a, String source, String user) {
        ObjectNode b = MAPPER.createObjectNode();
        b.put("user", Text.truncate(user, MAX_SOURCE));
        b.put("source", Text.truncate(source, MAX_SOURCE));
        b.put("note", Text.truncate("Resolved: " + message(a)
                + (a.lastSeenAt() == null ? "" : " (cleared " + a.lastSeenAt() + ")"), MAX_NOTE));
        return bytes(b);
    }

    static String message(Alert a) {
        if (a.summary() != null && !a.summary().isBlank()) {
            return a.summary();
        }
        String where = a.resource() != null ? a.resource() : a.host();
        return where == null ? a.event() : a.event() + " on " + where;
    }

    /** Plain text for the alert's page: what, where, since when, how to act. */
    static String description(Alert a) {
        StringBuilder sb = new StringBuilder();
        sb.append(message(a)).append("\n\n");
        line(sb, "Tenant", a.tenant());
        line(sb, "Site", a.site());
        line(sb, "Layer", a.layer().wire());
        line(sb, "Severity", a.severity().wire() + (a.sourceSeverity() == null ? "" : " (source: " + a.sourceSeverity() + ")"));
        line(sb, "Event", a.event());
        line(sb, "Resource", a.resource());
        line(sb, "Host", a.host() == null ? null : a.host() + (a.ip() == null ? "" : " (" + a.ip() + ")"));
        line(sb, "First seen", a.firstSeenAt() == null ? null : a.firstSeenAt().toString());
        line(sb, "Last seen", a.lastSeenAt() == null ? null : a.lastSeenAt().toString());
        if (a.occurrences() > 1) {
            line(sb, "Occurrences", Long.toString(a.occurrences()));
        }
        if (a.source() != null) {
            line(sb, "Received by", a.source().connector() + (a.source().route() == null ? "" : " (" + a.source().route() + ")")
                    + (a.source().peer() == null ? "" : " from " + a.source().peer()));
        }
        if (!a.links().isEmpty()) {
            sb.append('\n');
            for (Link l : a.links()) {
                sb.append(l.text() == null ? "link" : l.text()).append(": ").append(l.href()).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, String name, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append(name).append(": ").append(value).append('\n');
        }
    }

    /** The sink's own tags first (tenant, layer, severity), then the configured ones, each cut to 50, at most 20. */
    static List<String> tags(Alert a, List<String> extra) {
        Set<String> out = new LinkedHashSet<>();
        if (a.tenant() != null) {
            out.add("tenant:" + a.tenant());
        }
        out.add("layer:" + a.layer().wire());
        out.add("severity:" + a.severity().wire());
        out.addAll(extra);
        return out.stream().map(t -> Text.truncate(t, MAX_TAG)).distinct().limit(MAX_TAGS).toList();
    }

    /**
     * String key/values for Opsgenie's details: the alert's identity first, then labels as
     * {@code label.<name>} and details flattened as {@code <path>}, until 8000 characters (keys
     * and values counted) are used; what did not fit is counted in {@code truncated}.
     */
    static Map<String, String> details(Alert a) {
        List<Map.Entry<String, String>> all = new ArrayList<>();
        add(all, "tenant", a.tenant());
        add(all, "site", a.site());
        add(all, "layer", a.layer().wire());
        add(all, "severity", a.severity().wire());
        add(all, "sourceSeverity", a.sourceSeverity());
        add(all, "event", a.event());
        add(all, "resource", a.resource());
        add(all, "host", a.host());
        add(all, "ip", a.ip());
        add(all, "dedupKey", a.dedupKey());
        add(all, "fingerprint", a.fingerprint());
        add(all, "alertId", a.id() == null ? null : a.id().toString());
        add(all, "firstSeenAt", a.firstSeenAt() == null ? null : a.firstSeenAt().toString());
        add(all, "lastSeenAt", a.lastSeenAt() == null ? null : a.lastSeenAt().toString());
        if (a.occurrences() > 0) {
            add(all, "occurrences", Long.toString(a.occurrences()));
        }
        if (a.source() != null) {
            add(all, "source.connector", a.source().connector());
            add(all, "source.peer", a.source().peer());
        }
        a.links().stream().filter(l -> "runbook".equalsIgnoreCase(l.text())).findFirst()
                .ifPresent(l -> add(all, "runbook", l.href()));
        a.labels().forEach((k, v) -> add(all, "label." + k, v));
        flatten(all, "", a.details());

        Map<String, String> out = new LinkedHashMap<>();
        int budget = MAX_DETAILS - 200; // room for the "truncated" entry
        int used = 0;
        int left = 0;
        for (Map.Entry<String, String> e : all) {
            int size = e.getKey().length() + e.getValue().length();
            if (left == 0 && used + size <= budget) {
                out.put(e.getKey(), e.getValue());
                used += size;
            } else {
                left++;
            }
        }
        if (left > 0) {
            out.put("truncated", left + " of " + all.size() + " details left out: Opsgenie keeps at most " + MAX_DETAILS
                    + " characters of details; the whole alert is in the hub (alert id "
                    + (a.id() == null ? a.fingerprint() : a.id()) + ")");
        }
        return out;
    }

    private static void flatten(List<Map.Entry<String, String>> out, String prefix, Object v) {
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> flatten(out, prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, x));
        } else if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(out, prefix + "[" + i + "]", l.get(i));
            }
        } else if (v != null) {
            add(out, prefix, String.valueOf(v));
        }
    }

    private static void add(List<Map.Entry<String, String>> out, String k, String v) {
        if (v != null && !v.isEmpty()) {
            out.add(Map.entry(k, v));
        }
    }

    private static void refs(ObjectNode b, String field, List<Responders.Ref> refs) {
        if (refs.isEmpty()) {
            return;
        }
        ArrayNode arr = b.putArray(field);
        for (Responders.Ref r : refs) {
            arr.addObject().put(r.nameField(), r.name()).put("type", r.type());
        }
    }

    private static byte[] bytes(ObjectNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
