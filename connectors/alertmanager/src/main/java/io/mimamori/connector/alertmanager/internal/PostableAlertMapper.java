package io.mimamori.connector.alertmanager.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import io.mimamori.alert.Link;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns a Mimamori alert into the alert Alertmanager takes.
 *
 * <p>Labels identify the condition, so they are built only from what stays the same while it lasts:
 * {@code alertname} (the event), {@code tenant}, {@code resource}, {@code severity}, {@code layer},
 * {@code fingerprint} (tenant and dedup key hashed, so two conditions never share an Alertmanager
 * alert), then the alert's own labels under sanitized names. Everything else goes to annotations.
 */
public final class PostableAlertMapper {
    /** Labels the sink sets; an alert label of the same name is renamed (see {@link LabelNames#addAll}). */
    public static final List<String> OWN_LABELS = List.of("alertname", "tenant", "resource", "severity", "layer",
            "fingerprint");
    /** Longest {@code details} annotation in characters; longer JSON is cut and ends with {@code …}. */
    public static final int MAX_DETAILS = 8192;

    private final Duration endsAtAfter;

    /** @param endsAtAfter lifetime of a firing alert from the moment it is posted; zero for none */
    public PostableAlertMapper(Duration endsAtAfter) {
        this.endsAtAfter = endsAtAfter;
    }

    public PostableAlert map(Alert a, Instant now) {
        SortedMap<String, String> labels = new TreeMap<>();
        put(labels, "alertname", a.event());
        put(labels, "tenant", a.tenant());
        put(labels, "resource", a.resource());
        put(labels, "severity", a.severity().wire());
        put(labels, "layer", a.layer().wire());
        put(labels, "fingerprint", a.fingerprint());
        LabelNames.addAll(labels, a.labels());

        SortedMap<String, String> annotations = new TreeMap<>();
        put(annotations, "summary", a.summary() != null ? a.summary() : a.event());
        put(annotations, "id", a.id() == null ? null : a.id().toString());
        put(annotations, "fingerprint", a.fingerprint());
        put(annotations, "dedup_key", a.dedupKey());
        put(annotations, "site", a.site());
        put(annotations, "host", a.host());
        put(annotations, "ip", a.ip());
        put(annotations, "source_severity", a.sourceSeverity());
        if (a.source() != null) {
            put(annotations, "source", a.source().connector()
                    + (a.source().route() == null ? "" : "/" + a.source().route())
                    + (a.source().peer() == null ? "" : " from " + a.source().peer()));
        }
        if (a.occurrences() > 0) {
            put(annotations, "occurrences", Long.toString(a.occurrences()));
        }
        if (!a.details().isEmpty()) {
            put(annotations, "details", cut(json(a.details())));
        }
        Link runbook = null;
        Link other = null;
        for (Link l : a.links()) {
            boolean isRunbook = l.text() != null && l.text().toLowerCase(Locale.ROOT).contains("runbook");
            if (isRunbook && runbook == null) {
                runbook = l;
            } else if (!isRunbook && other == null && absoluteHttp(l.href())) {
                other = l;
            }
        }
        if (runbook != null) {
            put(annotations, "runbook_url", runbook.href());
        }
        if (!a.links().isEmpty()) {
            put(annotations, "links", json(a.links()));
        }

        Instant endsAt;
        if (a.firing()) {
            endsAt = endsAtAfter.isZero() ? null : now.plus(endsAtAfter);
        } else {
            Instant resolvedAt = a.source() != null ? a.source().receivedAt()
                    : a.lastSeenAt() != null ? a.lastSeenAt() : now;
            // an end in the future would keep the alert firing until then
            endsAt = resolvedAt.isAfter(now) ? now : resolvedAt;
        }
        Instant startsAt = a.firstSeenAt() != null ? a.firstSeenAt()
                : a.source() != null ? a.source().receivedAt() : now;
        if (endsAt != null && startsAt.isAfter(endsAt)) {
            startsAt = endsAt; // Alertmanager refuses an alert that ends before it starts
        }
        return new PostableAlert(labels, annotations, startsAt, endsAt, other == null ? null : other.href());
    }

    private static void put(SortedMap<String, String> m, String key, String value) {
        if (value != null && !value.isEmpty()) {
            m.put(key, value);
        }
    }

    /** Alertmanager checks generatorURL as a URI; only an absolute http(s) link is sure to pass. */
    private static boolean absoluteHttp(String href) {
        try {
            URI u = new URI(href);
            return u.getHost() != null && ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String json(Object value) {
        try {
            return AlertJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cut(String s) {
        return s.length() <= MAX_DETAILS ? s : s.substring(0, MAX_DETAILS - 1) + "…";
    }
}
