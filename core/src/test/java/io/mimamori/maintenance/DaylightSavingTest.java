package io.mimamori.maintenance;

import static io.mimamori.maintenance.Fixtures.at;
import static io.mimamori.maintenance.Fixtures.window;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recurring windows across daylight-saving changes. Europe/Berlin 2026: 02:00 CET becomes 03:00
 * CEST at 01:00Z on 29 March; 03:00 CEST becomes 02:00 CET at 01:00Z on 25 October.
 * America/New_York 2026: 02:00 EST becomes 03:00 EDT at 07:00Z on 8 March; 02:00 EDT becomes
 * 01:00 EST at 06:00Z on 1 November.
 */
class DaylightSavingTest {
    @TempDir
    Path dir;

    /** "Every day 01:30 for 2h" in Berlin: the same local start, the same elapsed length. */
    @Test
    void berlinDailyWindowKeepsItsLocalStartAndExactLength() {
        Window w = window(dir, """
                id: berlin-nightly
                tenant: acme
                reason: nightly batch
                match: {host: "batch*"}
                schedule: {rrule: FREQ=DAILY, dtstart: 2026-03-01 01:30, duration: 2h}
                """);
        // winter: 01:30-03:30 CET
        assertThat(w.occurrenceAt(at("2026-03-28T01:00:00Z"))).contains(
                new Occurrence(at("2026-03-28T00:30:00Z"), at("2026-03-28T02:30:00Z")));
        // spring forward: 01:30 CET, two hours later it is 04:30 CEST
        assertThat(w.occurrenceAt(at("2026-03-29T02:15:00Z"))).contains(
                new Occurrence(at("2026-03-29T00:30:00Z"), at("2026-03-29T02:30:00Z")));
        assertThat(w.occurrenceAt(at("2026-03-29T02:30:00Z"))).isEmpty();
        // summer: 01:30-03:30 CEST
        assertThat(w.occurrenceAt(at("2026-03-29T23:30:00Z"))).contains(
                new Occurrence(at("2026-03-29T23:30:00Z"), at("2026-03-30T01:30:00Z")));
        // fall back: 01:30 CEST, two hours later it is 02:30 CET (the second 02:30 of the night)
        assertThat(w.occurrenceAt(at("2026-10-25T01:15:00Z"))).contains(
                new Occurrence(at("2026-10-24T23:30:00Z"), at("2026-10-25T01:30:00Z")));
        assertThat(w.occurrenceAt(at("2026-10-25T01:30:00Z"))).isEmpty();
        // winter again
        assertThat(w.occurrenceAt(at("2026-10-26T00:30:00Z"))).contains(
                new Occurrence(at("2026-10-26T00:30:00Z"), at("2026-10-26T02:30:00Z")));
    }

    @Test
    void berlinStartInsideTheGapMovesForwardAndInsideTheOverlapTakesTheFirst() {
        Window w = window(dir, """
                id: berlin-0230
                tenant: acme
                reason: log rotation
                match: {host: "batch*"}
                schedule: {cron: "30 2 * * *", duration: 1h}
                """);
        // 29 March: 02:30 does not exist, so 03:30 CEST
        assertThat(w.occurrenceAt(at("2026-03-29T01:00:00Z"))).isEmpty();
        assertThat(w.occurrenceAt(at("2026-03-29T01:30:00Z"))).contains(
                new Occurrence(at("2026-03-29T01:30:00Z"), at("2026-03-29T02:30:00Z")));
        // 25 October: 02:30 happens twice, the window starts at the first (CEST) and does not start again
        assertThat(w.occurrenceAt(at("2026-10-25T00:30:00Z"))).contains(
                new Occurrence(at("2026-10-25T00:30:00Z"), at("2026-10-25T01:30:00Z")));
        assertThat(w.occurrenceAt(at("2026-10-25T01:45:00Z"))).isEmpty();
        assertThat(w.schedule().nextChange(at("2026-10-25T01:30:00Z"))).contains(at("2026-10-26T01:30:00Z"));
    }

    /** "Sunday 02:00 for 3h" in New York, written as an RRULE and as a cron expression. */
    @ParameterizedTest
    @ValueSource(strings = {"{rrule: FREQ=WEEKLY;BYDAY=SU, dtstart: 2026-03-01 02:00, duration: 3h}",
            "{cron: \"0 2 * * 0\", duration: 3h}"})
    void newYorkSundayWindow(String schedule) {
        Window w = window(dir, """
                id: ny-sunday
                tenant: globex
                reason: weekly maintenance
                match: {layer: application}
                schedule: %s
                """.formatted(schedule));
        List<Occurrence> expected = List.of(
                // 1 March, EST: 02:00-05:00 local
                new Occurrence(at("2026-03-01T07:00:00Z"), at("2026-03-01T10:00:00Z")),
                // 8 March: 02:00 does not exist, 03:00 EDT; three hours later is 06:00 EDT
                new Occurrence(at("2026-03-08T07:00:00Z"), at("2026-03-08T10:00:00Z")),
                // 15 March, EDT
                new Occurrence(at("2026-03-15T06:00:00Z"), at("2026-03-15T09:00:00Z")),
                // 1 November: 01:00-01:59 repeat, 02:00 EST exists once; three hours later is 05:00 EST
                new Occurrence(at("2026-11-01T07:00:00Z"), at("2026-11-01T10:00:00Z")));
        for (Occurrence o : expected) {
            assertThat(w.occurrenceAt(o.start())).contains(o);
            assertThat(w.occurrenceAt(o.start().minusSeconds(1))).isEmpty();
            assertThat(w.occurrenceAt(o.end())).isEmpty();
            assertThat(w.schedule().nextChange(o.start().minusSeconds(1))).contains(o.start());
            assertThat(w.schedule().nextChange(o.start())).contains(o.end());
        }
        assertThat(w.schedule().nextOccurrence(at("2026-10-25T12:00:00Z"))).contains(expected.get(3));
        // the second 01:30 of 1 November (EST) is outside the window
        assertThat(w.occurrenceAt(at("2026-11-01T06:30:00Z"))).isEmpty();
    }

    @Test
    void startsMovedOutOfTheGapAreOrderedByInstant() {
        // every 40 minutes from 01:30 CET: 01:30, 02:10 and 02:50 (both moved forward by the jump), 03:30 CEST
        Window w = window(dir, """
                id: every-40
                tenant: acme
                reason: probe
                match: {host: probe}
                schedule: {rrule: "FREQ=MINUTELY;INTERVAL=40;COUNT=4", dtstart: 2026-03-29 01:30, duration: 1m}
                """);
        // 02:50 -> 03:50 CEST (01:50Z) comes after 03:30 CEST (01:30Z)
        assertThat(w.schedule().nextChange(at("2026-03-29T01:15:00Z"))).contains(at("2026-03-29T01:30:00Z"));
        assertThat(w.schedule().nextChange(at("2026-03-29T01:31:00Z"))).contains(at("2026-03-29T01:50:00Z"));
        assertThat(w.schedule().nextOccurrence(at("2026-03-29T01:11:00Z"))).contains(
                new Occurrence(at("2026-03-29T01:30:00Z"), at("2026-03-29T01:31:00Z")));
    }
}
