package io.mimamori.tenant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mimamori.alert.Alert;
import io.mimamori.alert.Layer;
import io.mimamori.alert.Severity;
import io.mimamori.config.Glob;
import java.util.List;
import java.util.Map;

/**
 * One entry of a tenant's {@code routes}: the sinks an alert goes to when every given matcher
 * holds. Routes are tried in order and the first that matches ends the search, unless it says
 * {@code continue: true} (as in Alertmanager).
 *
 * @param sinks            delivery route names (the {@code mimamori-outbox:NAME} of a sink)
 * @param severities       the alert's severity is one of these; empty for any
 * @param minSeverity      the alert's severity is at least this urgent; null for any
 * @param layers           the alert's layer is one of these; empty for any
 * @param events           the alert's event matches one of these globs; empty for any
 * @param labels           each named label is present and matches its glob
 * @param continueMatching true to go on to later routes after this one matched
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SinkRoute(List<String> sinks, List<Severity> severities, Severity minSeverity, List<Layer> layers,
                        List<Glob> events, Map<String, Glob> labels,
                        @JsonProperty("continue") boolean continueMatching) {

    public SinkRoute {
        sinks = List.copyOf(sinks);
        severities = List.copyOf(severities);
        layers = List.copyOf(layers);
        events = List.copyOf(events);
        labels = Map.copyOf(labels);
    }

    public boolean matches(Alert alert) {
        if (!severities.isEmpty() && !severities.contains(alert.severity())
                || minSeverity != null && !alert.severity().atLeast(minSeverity)
                || !layers.isEmpty() && !layers.contains(alert.layer())
                || !events.isEmpty() && events.stream().noneMatch(g -> g.matches(alert.event()))) {
            return false;
        }
        for (Map.Entry<String, Glob> label : labels.entrySet()) {
            if (!label.getValue().matches(alert.labels().get(label.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
