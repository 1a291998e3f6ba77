package io.mimamori.alert;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The one JSON form of an alert: ISO-8601 times, empty fields left out, unknown fields tolerated. */
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter WRITER = MAPPER.writerFor(Alert.class);
    private static final ObjectReader READER = MAPPER.readerFor(Alert.class);

    private AlertJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The alert as UTF-8 JSON. Written field by field rather than through bean introspection: this
     * runs once per alert on the I/O threads, and reflective access cost more than all the rest.
     * The result is the same document the mapper would write ({@code AlertJsonTest} holds them equal).
     */
    public static byte[] toBytes(Alert alert) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(MAPPER.getFactory()._getBufferRecycler(), 2048);
             JsonGenerator g = MAPPER.getFactory().createGenerator(out)) {
            write(g, alert);
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toJson(Alert alert) {
        return new String(toBytes(alert), StandardCharsets.UTF_8);
    }

    /** The mapper's own rendering, kept as the reference the hand-written one is checked against. */
    static byte[] toBytesByMapper(Alert alert) {
        try {
            return WRITER.writeValueAsBytes(alert);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(JsonGenerator g, Alert a) throws IOException {
        g.writeStartObject();
        g.writeStringField("schema", a.schema());
        string(g, "id", a.id() == null ? null : a.id().toString());
        string(g, "tenant", a.tenant());
        string(g, "site", a.site());
        g.writeStringField("status", a.status().wire());
        g.writeStringField("severity", a.severity().wire());
        string(g, "sourceSeverity", a.sourceSeverity());
        g.writeStringField("layer", a.layer().wire());
        string(g, "event", a.event());
        string(g, "resource", a.resource());
        string(g, "host", a.host());
        string(g, "ip", a.ip());
        string(g, "summary", a.summary());
        string(g, "dedupKey", a.dedupKey());
        string(g, "fingerprint", a.fingerprint());
        AlertSource s = a.source();
        if (s != null) {
            g.writeObjectFieldStart("source");
            string(g, "connector", s.connector());
            string(g, "route", s.route());
            string(g, "peer", s.peer());
            instant(g, "receivedAt", s.receivedAt());
            instant(g, "sourceTime", s.sourceTime());
            g.writeEndObject();
        }
        if (!a.labels().isEmpty()) {
            g.writeObjectFieldStart("labels");
            for (Map.Entry<String, String> e : a.labels().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (!a.details().isEmpty()) {
            g.writeFieldName("details");
            value(g, a.details());
        }
        if (!a.links().isEmpty()) {
            g.writeArrayFieldStart("links");
            for (Link l : a.links()) {
                g.writeStartObject();
                g.writeStringField("href", l.href());
                string(g, "text", l.text());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        if (a.occurrences() != 0) {
            g.writeNumberField("occurrences", a.occurrences());
        }
        instant(g, "firstSeenAt", a.firstSeenAt());
        instant(g, "lastSeenAt", a.lastSeenAt());
        if (a.timeoutSeconds() != null) {
            g.writeNumberField("timeoutSeconds", a.timeoutSeconds());
        }
        RawPayload r = a.raw();
        if (r != null) {
            g.writeObjectFieldStart("raw");
            string(g, "contentType", r.contentType());
            string(g, "encoding", r.encoding());
            string(g, "data", r.data());
            g.writeBooleanField("truncated", r.truncated());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Leaves out null and empty strings, as the mapper's NON_EMPTY inclusion does. */
    private static void string(JsonGenerator g, String name, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            g.writeStringField(name, value);
        }
    }

    private static void instant(JsonGenerator g, String name, Instant value) throws IOException {
        if (value != null) {
            g.writeStringField(name, iso(value));
        }
    }

    /** The plain JSON values details hold, written without a serializer lookup; anything else by the mapper. */
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            MAPPER.writeValue(g, v);
        }
    }

    /**
     * {@code Instant.toString()} (ISO-8601, fraction in groups of three digits, 'Z') without
     * DateTimeFormatter, which was a measurable share of writing an alert.
     */
    static String iso(Instant t) {
        long seconds = t.getEpochSecond();
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400L));
        if (date.getYear() < 1000 || date.getYear() > 9999) {
            return t.toString();
        }
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        StringBuilder sb = new StringBuilder(30);
        sb.append(date.getYear()).append('-');
        two(sb, date.getMonthValue());
        sb.append('-');
        two(sb, date.getDayOfMonth());
        sb.append('T');
        two(sb, secondOfDay / 3600);
        sb.append(':');
        two(sb, secondOfDay / 60 % 60);
        sb.append(':');
        two(sb, secondOfDay % 60);
        int nano = t.getNano();
        if (nano > 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(sb, nano / 1_000, 6);
            } else {
                digits(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    private static void two(StringBuilder sb, int v) {
        sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static void digits(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    public static Alert fromJson(String json) {
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
