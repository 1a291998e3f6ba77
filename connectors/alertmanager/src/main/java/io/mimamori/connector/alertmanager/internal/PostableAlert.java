package io.mimamori.connector.alertmanager.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.SortedMap;

/**
 * One element of the array {@code POST /api/v2/alerts} takes (Alertmanager's {@code postableAlert}).
 * Alertmanager tells alerts apart by their label set alone; the annotations may change freely.
 *
 * @param endsAt null to let Alertmanager apply its {@code resolve_timeout}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"labels", "annotations", "startsAt", "endsAt", "generatorURL"})
public record PostableAlert(
        SortedMap<String, String> labels,
        SortedMap<String, String> annotations,
        Instant startsAt,
        Instant endsAt,
        @JsonProperty("generatorURL") String generatorUrl) {

    /** The same alert under other labels, over at {@code endsAt}: how a condition's earlier label set is resolved. */
    PostableAlert resolvedAs(SortedMap<String, String> otherLabels, Instant end) {
        return new PostableAlert(otherLabels, annotations, startsAt.isAfter(end) ? end : startsAt, end, generatorUrl);
    }
}
