package io.mimamori.connector.pagerduty.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Link;
import io.mimamori.alert.Severity;
import io.mimamori.alert.Text;
import java.io.UncheckedIOException;

/**
 * Alerts as PagerDuty Events API v2 events. Field limits are PagerDuty's: {@code dedup_key} at most
 * 255 characters, {@code payload.summary} at most 1024, the whole event at most 512 KB.
 */
public final class PagerDutyEvents {
    public static final int MAX_DEDUP_KEY = 255;
    public static final int MAX_SUMMARY = 1024;
    /** 512 KB, counted as 512 000 bytes so the event fits whether PagerDuty means 1000 or 1024. */
    public static final int MAX_EVENT_BYTES = 512_000;

    private static final ObjectMapper MAPPER = AlertJson.mapper();

    private PagerDutyEvents() {
    }

    /** The PagerDuty severity of a Mimamori severity: critical, error, warning, warning, info. */
    public static String severity(Severity s) {
        return switch (s) {
            case CRITICAL -> "critical";
            case MAJOR -> "error";
            case MINOR, WARNING -> "warning";
            case INFO -> "info";
        };
    }

    /**
     * {@code <tenant>/<dedupKey>} when that fits in 255 characters (readable in PagerDuty, and two
     * tenants sharing a routing key never collide), else the alert's fingerprint, which is derived
     * from the same two values. Both are stable for a condition, so trigger and resolve match.
     */
    public static String dedupKey(Alert a) {
        if (a.dedupKey() == null || a.dedupKey().isEmpty()) {
            return a.fingerprint();
        }
        String readable = a.tenant() == null ? a.dedupKey() : a.tenant() + "/" + a.dedupKey();
        return readable.length() <= MAX_DEDUP_KEY ? readable : a.fingerprint();
    }

    /** The event for {@code a}: trigger when firing, resolve when resolved. */
    public static byte[] event(Alert a, String routingKey, String group, String client, String clientUrl) {
        ObjectNode e = MAPPER.createObjectNode();
        e.put("routing_key", routingKey);
        e.put("event_action", a.firing() ? "trigger" : "resolve");
        e.put("dedup_key", dedupKey(a));
        if (!a.firing()) {
            return bytes(e);
        }
        ObjectNode p = e.putObject("payload");
        p.put("summary", Text.truncate(summary(a), MAX_SUMMARY));
        p.put("source", firstOf(a.host(), a.resource(), a.ip(), a.site(), "mimamori"));
        p.put("severity", severity(a.severity()));
        String time = timestamp(a);
        if (time != null) {
            p.put("timestamp", time);
        }
        if (a.resource() != null && !a.resource().isEmpty() && !a.resource().equals(p.get("source").asText())) {
            p.put("component", a.resource());
        }
        String g = switch (group) {
            case "tenant" -> a.tenant();
            case "site" -> a.site();
            default -> a.layer().wire();
        };
        if (g != null) {
            p.put("group", g);
        }
        p.put("class", a.event());
        ObjectNode details = p.putObject("custom_details");
        put(details, "tenant", a.tenant());
        put(details, "site", a.site());
        put(details, "layer", a.layer().wire());
        put(details, "severity", a.severity().wire());
        put(details, "sourceSeverity", a.sourceSeverity());
        put(details, "event", a.event());
        put(details, "resource", a.resource());
        put(details, "host", a.host());
        put(details, "ip", a.ip());
        put(details, "dedupKey", a.dedupKey());
        put(details, "fingerprint", a.fingerprint());
        put(details, "alertId", a.id() == null ? null : a.id().toString());
        if (a.occurrences() > 0) {
            details.put("occurrences", a.occurrences());
        }
        put(details, "firstSeenAt", a.firstSeenAt() == null ? null : a.firstSeenAt().toString());
        put(details, "lastSeenAt", a.lastSeenAt() == null ? null : a.lastSeenAt().toString());
        if (a.source() != null) {
            ObjectNode s = details.putObject("source");
            put(s, "connector", a.source().connector());
            put(s, "route", a.source().route());
            put(s, "peer", a.source().peer());
        }
        a.links().stream().filter(l -> "runbook".equalsIgnoreCase(l.text())).findFirst()
                .ifPresent(l -> details.put("runbook", l.href()));
        if (!a.labels().isEmpty()) {
            details.set("labels", MAPPER.valueToTree(a.labels()));
        }
        if (!a.details().isEmpty()) {
            details.set("details", MAPPER.valueToTree(a.details()));
        }
        if (!a.links().isEmpty()) {
            ArrayNode links = e.putArray("links");
            for (Link l : a.links()) {
                ObjectNode n = links.addObject();
                n.put("href", l.href());
                if (l.text() != null) {
                    n.put("text", l.text());
                }
            }
        }
        e.put("client", client);
        if (clientUrl != null) {
            e.put("client_url", clientUrl);
        }
        return fit(e, details, a);
    }

    /**
     * Keeps the event under {@link #MAX_EVENT_BYTES}: leaves out the alert's details, then its
     * labels, then the links, and says in {@code custom_details.truncated} what was left out.
     */
    private static byte[] fit(ObjectNode event, ObjectNode details, Alert a) {
        byte[] b = bytes(event);
        int original = b.length;
        StringBuilder left = new StringBuilder();
        for (String field : new String[] {"details", "labels", "links"}) {
            if (b.length <= MAX_EVENT_BYTES) {
                break;
            }
            boolean removed = field.equals("links") ? event.remove("links") != null : details.remove(field) != null;
            if (removed) {
                left.append(left.length() == 0 ? "" : ", ").append(field);
                details.put("truncated", left + " left out: the event was " + original
                        + " bytes, over PagerDuty's 512 KB limit; the whole alert is in the hub (alert id "
                        + (a.id() == null ? a.fingerprint() : a.id()) + ")");
                b = bytes(event);
            }
        }
        return b;
    }

    private static String summary(Alert a) {
        if (a.summary() != null && !a.summary().isBlank()) {
            return a.summary();
        }
        String where = firstOf(a.resource(), a.host(), a.ip(), null, null);
        return where == null ? a.event() : a.event() + " on " + where;
    }

    private static String timestamp(Alert a) {
        if (a.lastSeenAt() != null) {
            return a.lastSeenAt().toString();
        }
        return a.source() == null ? null : a.source().receivedAt().toString();
    }

    private static String firstOf(String a, String b, String c, String d, String e) {
        for (String s : new String[] {a, b, c, d, e}) {
            if (s != null && !s.isEmpty()) {
                return s;
            }
        }
        return null;
    }

    private static void put(ObjectNode n, String k, String v) {
        if (v != null && !v.isEmpty()) {
            n.put(k, v);
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
