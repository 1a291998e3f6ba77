package io.mimamori.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One alert occurrence in the Mimamori alert schema v1 ({@code schema/alert-v1.schema.json}).
 * Field names are stable API: sinks, the HTTP API and {@code alerts.jsonl} all use them.
 *
 * <p>Sources build alerts with {@link #builder()} and leave {@code tenant}, {@code site},
 * {@code fingerprint} and the lifecycle fields empty; the core pipeline completes them.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"schema", "id", "tenant", "site", "status", "severity", "sourceSeverity", "layer",
        "event", "resource", "host", "ip", "summary", "dedupKey", "fingerprint", "source", "labels",
        "details", "links", "occurrences", "firstSeenAt", "lastSeenAt", "timeoutSeconds", "raw"})
public record Alert(
        String schema,
        UUID id,
        String tenant,
        String site,
        Status status,
        Severity severity,
        String sourceSeverity,
        Layer layer,
        String event,
        String resource,
        String host,
        String ip,
        String summary,
        String dedupKey,
        String fingerprint,
        AlertSource source,
        Map<String, String> labels,
        Map<String, Object> details,
        List<Link> links,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long occurrences,
        Instant firstSeenAt,
        Instant lastSeenAt,
        Integer timeoutSeconds,
        RawPayload raw) {

    public static final String SCHEMA = "mimamori.alert/v1";
    public static final int MAX_SUMMARY = 1024;
    public static final int MAX_DEDUP_KEY = 250;

    public Alert {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(event, "event");
        schema = schema == null ? SCHEMA : schema;
        layer = layer == null ? Layer.UNKNOWN : layer;
        labels = labels == null ? Map.of() : labels;
        details = details == null ? Map.of() : details;
        links = links == null ? List.of() : List.copyOf(links);
        summary = Text.truncate(summary, MAX_SUMMARY);
        dedupKey = Text.truncate(dedupKey, MAX_DEDUP_KEY);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this alert's values, for the pipeline to complete or change. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.tenant = tenant;
        b.site = site;
        b.status = status;
        b.severity = severity;
        b.sourceSeverity = sourceSeverity;
        b.layer = layer;
        b.event = event;
        b.resource = resource;
        b.host = host;
        b.ip = ip;
        b.summary = summary;
        b.dedupKey = dedupKey;
        b.fingerprint = fingerprint;
        b.source = source;
        b.labels = new LinkedHashMap<>(labels);
        b.details = new LinkedHashMap<>(details);
        b.links = new ArrayList<>(links);
        b.occurrences = occurrences;
        b.firstSeenAt = firstSeenAt;
        b.lastSeenAt = lastSeenAt;
        b.timeoutSeconds = timeoutSeconds;
        b.raw = raw;
        return b;
    }

    public boolean firing() {
        return status == Status.FIRING;
    }

    /** Mutable, single-use assembly of an {@link Alert}. */
    public static final class Builder {
        private UUID id;
        private String tenant;
        private String site;
        private Status status = Status.FIRING;
        private Severity severity;
        private String sourceSeverity;
        private Layer layer;
        private String event;
        private String resource;
        private String host;
        private String ip;
        private String summary;
        private String dedupKey;
        private String fingerprint;
        private AlertSource source;
        private Map<String, String> labels = new LinkedHashMap<>();
        private Map<String, Object> details = new LinkedHashMap<>();
        private List<Link> links = new ArrayList<>();
        private long occurrences;
        private Instant firstSeenAt;
        private Instant lastSeenAt;
        private Integer timeoutSeconds;
        private RawPayload raw;

        private Builder() {
        }

        public Builder id(UUID v) { id = v; return this; }
        public Builder tenant(String v) { tenant = v; return this; }
        public Builder site(String v) { site = v; return this; }
        public Builder status(Status v) { status = v; return this; }
        public Builder severity(Severity v) { severity = v; return this; }
        public Builder sourceSeverity(String v) { sourceSeverity = v; return this; }
        public Builder layer(Layer v) { layer = v; return this; }
        public Builder event(String v) { event = v; return this; }
        public Builder resource(String v) { resource = v; return this; }
        public Builder host(String v) { host = v; return this; }
        public Builder ip(String v) { ip = v; return this; }
        public Builder summary(String v) { summary = v; return this; }
        public Builder dedupKey(String v) { dedupKey = v; return this; }
        public Builder fingerprint(String v) { fingerprint = v; return this; }
        public Builder source(AlertSource v) { source = v; return this; }
        public Builder label(String k, String v) { if (v != null) labels.put(k, v); return this; }
        public Builder labels(Map<String, String> v) { labels.putAll(v); return this; }
        public Builder detail(String k, Object v) { if (v != null) details.put(k, v); return this; }
        public Builder details(Map<String, ?> v) { details.putAll(v); return this; }
        public Builder link(String href, String text) { links.add(new Link(href, text)); return this; }
        public Builder occurrences(long v) { occurrences = v; return this; }
        public Builder firstSeenAt(Instant v) { firstSeenAt = v; return this; }
        public Builder lastSeenAt(Instant v) { lastSeenAt = v; return this; }
        public Builder timeoutSeconds(Integer v) { timeoutSeconds = v; return this; }
        public Builder raw(RawPayload v) { raw = v; return this; }

        public Status status() { return status; }
        public String dedupKey() { return dedupKey; }
        public String tenant() { return tenant; }

        public Alert build() {
            return new Alert(SCHEMA, id, tenant, site, status, severity, sourceSeverity, layer, event,
                    resource, host, ip, summary, dedupKey, fingerprint, source,
                    Map.copyOf(labels), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details)),
                    links, occurrences, firstSeenAt, lastSeenAt, timeoutSeconds, raw);
        }
    }
}
