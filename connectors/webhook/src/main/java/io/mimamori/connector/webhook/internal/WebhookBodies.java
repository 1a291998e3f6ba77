package io.mimamori.connector.webhook.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.mimamori.alert.Alert;
import io.mimamori.alert.AlertJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** The request bodies of the webhook sink: the alert JSON itself, or a CloudEvents 1.0 envelope around it. */
public final class WebhookBodies {
    public static final String CLOUDEVENTS = "application/cloudevents+json; charset=UTF-8";
    public static final String CLOUDEVENTS_BATCH = "application/cloudevents-batch+json; charset=UTF-8";
    public static final String JSON = "application/json; charset=UTF-8";

    private WebhookBodies() {
    }

    /** Exactly {@link AlertJson#toBytes}, or a JSON array of them for a batch. */
    public static byte[] alerts(List<Alert> alerts, boolean batch) {
        return alerts(alerts, null, batch);
    }

    /**
     * As {@link #alerts(List, boolean)}, taking each alert's JSON from {@code committed} (the bytes
     * the outbox holds, one per alert) when given, so nothing is serialized twice.
     */
    public static byte[] alerts(List<Alert> alerts, List<byte[]> committed, boolean batch) {
        if (!batch) {
            return committed != null ? committed.get(0) : AlertJson.toBytes(alerts.get(0));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048 * alerts.size());
        out.write('[');
        for (int i = 0; i < alerts.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(committed != null ? committed.get(i) : AlertJson.toBytes(alerts.get(i)));
        }
        out.write(']');
        return out.toByteArray();
    }

    /**
     * CloudEvents 1.0 structured mode (JSON event format): {@code id} is the alert id, {@code type}
     * {@code io.mimamori.alert.firing} or {@code .resolved}, {@code subject} the tenant and dedup key
     * (the condition), {@code time} when the condition was last seen, {@code data} the alert JSON.
     */
    public static byte[] cloudEvents(List<Alert> alerts, boolean batch, String source, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048 * alerts.size());
        try (JsonGenerator g = AlertJson.mapper().getFactory().createGenerator(out)) {
            if (batch) {
                g.writeStartArray();
            }
            for (Alert a : alerts) {
                writeEvent(g, a, source, now);
            }
            if (batch) {
                g.writeEndArray();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeEvent(JsonGenerator g, Alert a, String source, Instant now) throws IOException {
        g.writeStartObject();
        g.writeStringField("specversion", "1.0");
        g.writeStringField("id", a.id() == null ? a.fingerprint() + "/" + now.toEpochMilli() : a.id().toString());
        g.writeStringField("source", source != null && !source.isBlank() ? source
                : "/mimamori/" + (a.site() == null ? "hub" : a.site()));
        g.writeStringField("type", "io.mimamori.alert." + a.status().wire());
        g.writeStringField("subject", (a.tenant() == null ? "" : a.tenant() + "/") + a.dedupKey());
        g.writeStringField("time", time(a, now).toString());
        g.writeStringField("datacontenttype", "application/json");
        g.writeFieldName("data");
        g.writeRawValue(new String(AlertJson.toBytes(a), StandardCharsets.UTF_8));
        g.writeEndObject();
    }

    private static Instant time(Alert a, Instant now) {
        if (a.lastSeenAt() != null) {
            return a.lastSeenAt();
        }
        if (a.source() != null) {
            return a.source().receivedAt();
        }
        return now;
    }
}
