package io.mimamori.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mimamori.alert.Alert;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Link;
import io.mimamori.config.Glob;
import io.mimamori.config.Template;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A runbook link for the alerts whose event matches one of {@code events} and whose layer is one of
 * {@code layers} (an empty list matches any). The URL is a {@link Template} over the alert's
 * fields; values are percent-encoded, so a resource such as {@code web1/eth0} stays one path
 * segment or query value.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class Runbook {
    /** The alert fields a URL template may use, besides {@code labels.NAME}. */
    static final Set<String> VARIABLES = Set.of("tenant", "site", "event", "resource", "host", "ip",
            "severity", "layer", "status", "dedupKey", "fingerprint");
    static final String LABEL_PREFIX = "labels.";

    private final List<Glob> events;
    private final List<Layer> layers;
    private final Template url;
    private final String text;

    Runbook(List<Glob> events, List<Layer> layers, Template url, String text) {
        this.events = List.copyOf(events);
        this.layers = List.copyOf(layers);
        this.url = url;
        this.text = text;
    }

    @JsonProperty
    public List<Glob> events() {
        return events;
    }

    @JsonProperty
    public List<Layer> layers() {
        return layers;
    }

    /** The URL template as written. */
    @JsonProperty
    public String url() {
        return url.toString();
    }

    @JsonProperty
    public String text() {
        return text;
    }

    public boolean matches(Alert alert) {
        return (layers.isEmpty() || layers.contains(alert.layer()))
                && (events.isEmpty() || events.stream().anyMatch(g -> g.matches(alert.event())));
    }

    /** The link for {@code alert}. */
    public Link link(Alert alert) {
        return new Link(url.render(name -> encode(field(alert, name))), text);
    }

    private static String field(Alert a, String name) {
        if (name.startsWith(LABEL_PREFIX)) {
            return a.labels().get(name.substring(LABEL_PREFIX.length()));
        }
        return switch (name) {
            case "tenant" -> a.tenant();
            case "site" -> a.site();
            case "event" -> a.event();
            case "resource" -> a.resource();
            case "host" -> a.host();
            case "ip" -> a.ip();
            case "severity" -> a.severity().wire();
            case "layer" -> a.layer().wire();
            case "status" -> a.status().wire();
            case "dedupKey" -> a.dedupKey();
            case "fingerprint" -> a.fingerprint();
            default -> null;
        };
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters. */
    private static String encode(String value) {
        return value == null ? null
                : URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                        .replace("%7E", "~");
    }

    @Override
    public String toString() {
        return "Runbook[" + url + "]";
    }
}
