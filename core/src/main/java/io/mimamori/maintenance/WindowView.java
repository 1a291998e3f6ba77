package io.mimamori.maintenance;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/**
 * A window as {@code GET /api/maintenance} shows it. Times are ISO-8601 texts: {@code start} and
 * {@code end} in UTC, {@code localStart} and {@code localEnd} on the window's clock with their
 * offset.
 *
 * @param active     true when the window is active at the time of the listing
 * @param ended      true when it will never be active again (remove it from its file)
 * @param occurrence the current occurrence when active, else the next one; null when none is left
 */
public record WindowView(String id, String tenant, String reason, String ticket, String createdBy,
        String origin, Map<String, Object> match, String schedule, String timezone, boolean active,
        boolean ended, OccurrenceView occurrence) {

    /** One occurrence in UTC and on the window's clock. */
    public record OccurrenceView(String start, String end, String localStart, String localEnd) {
        static OccurrenceView of(Occurrence o, ZoneId zone) {
            return new OccurrenceView(o.start().toString(), o.end().toString(), WallTime.format(o.start(), zone),
                    WallTime.format(o.end(), zone));
        }
    }

    static WindowView of(Window w, Instant now) {
        Occurrence current = w.occurrenceAt(now).orElse(null);
        Occurrence shown = current != null ? current : w.schedule().nextOccurrence(now).orElse(null);
        return new WindowView(w.id(), w.tenant(), w.reason(), w.ticket(), w.createdBy(), w.origin(),
                w.matchers().describe(), w.schedule().text(), w.zone().getId(), current != null,
                shown == null, shown == null ? null : OccurrenceView.of(shown, w.zone()));
    }
}
